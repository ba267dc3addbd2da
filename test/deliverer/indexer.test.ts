import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { bufferSource } from '../../src/core/message-source.js';
import { Deliverer, type DelivererOptions } from '../../src/deliverer/deliverer.js';
import { SummaryIndexer, type SummaryIndexerOptions } from '../../src/deliverer/indexer.js';
import { createDirectory } from '../../src/directory/index.js';
import { SummaryThread } from '../../src/deliverer/summary-thread.js';
import type { Logger } from '../../src/interfaces/logger.js';
import { summarize } from '../../src/mime/summary.js';
import { levelStore, memoryStore } from '../../src/store/index.js';
import { temporaryDirectory } from '../store/level-fixture.js';


const ACCOUNT = 'alice@example.test';

const message = (index: number) =>
  `From: Bob <bob@example.test>\r\nSubject: note ${index}\r\nDate: Tue, 7 Jan 2025 09:05:03 +0000\r\n\r\nhello ${index}\r\n`;

/** A logger that keeps what was logged at warn and error. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (objectOrMessage: object | string, text?: string) => lines.push(`${level}: ${text ?? String(objectOrMessage)}`);
  return { lines, debug: () => undefined, info: () => undefined, warn: keep('warn'), error: keep('error') };
}

/** Delivers `count` messages, queues their summaries, waits for idle and returns the stored summaries. */
async function indexMessages(count: number, options: SummaryIndexerOptions, logger: Logger = recordingLogger()) {
  const store = memoryStore();
  await store.open();
  await store.ensureAccount(ACCOUNT);
  const indexer = new SummaryIndexer(store, logger, options);
  const delivered = [];
  for (let index = 0; index < count; index += 1) {
    const source = bufferSource(message(index));
    delivered.push({ source, copies: await store.deliver({ source, targets: [{ account: ACCOUNT, mailbox: 'INBOX' }], internalDate: new Date() }) });
  }
  // Queued in one turn, so the maxPending bound is met whatever a summary costs.
  for (const { source, copies } of delivered) indexer.enqueue(source, copies);
  await indexer.idle();
  const summaries = [];
  for (let uid = 1; uid <= count; uid += 1) summaries.push((await store.getMessage(ACCOUNT, 'INBOX', uid))?.summary ?? null);
  await store.close();
  return summaries;
}

// a thread of its own per test; an idle worker holds nothing open, so none is closed
const thread = (url?: URL): SummaryThread => new SummaryThread(url);

describe('SummaryIndexer', () => {
  it('records every summary parsed on the worker thread by the time idle() resolves', async () => {
    const summaries = await indexMessages(20, { mode: 'worker', thread: thread() });
    assert.deepEqual(summaries.map((summary) => summary?.subject), Array.from({ length: 20 }, (_, index) => `note ${index}`));
    assert.ok(summaries[0]?.date instanceof Date, 'the Date survives the trip back from the worker');
    assert.equal(summaries[0]?.date?.toISOString(), '2025-01-07T09:05:03.000Z');
    // IMAP's renderings are left to the first FETCH that needs them
    assert.equal(summaries[0] !== null && 'imap' in summaries[0], false);
  });

  it('writes the summaries the worker made, with the text it made, as they read back after a reopen', async (t) => {
    const path = await temporaryDirectory();
    t.after(() => rm(path, { recursive: true, force: true }));
    const store = levelStore({ path });
    await store.ensureAccount(ACCOUNT);
    const indexer = new SummaryIndexer(store, recordingLogger(), { mode: 'worker', thread: thread() });
    const sources = Array.from({ length: 5 }, (_, index) => bufferSource(`To: "Ann \\"A\\"" <a@example.test>\r\n${message(index)}`));
    for (const source of sources) indexer.enqueue(source, await store.deliver({ source, targets: [{ account: ACCOUNT, mailbox: 'INBOX' }] }));
    await indexer.idle();
    await store.close();
    await store.open();
    try {
      for (const [index, source] of sources.entries()) assert.deepEqual((await store.getMessage(ACCOUNT, 'INBOX', index + 1))?.summary, await summarize(source, { imap: false }));
    } finally {
      await store.close();
    }
  });

  it('sends a flow of messages to the worker in batches, a lone one at once', async (t) => {
    const worker = thread();
    const roundTrips = t.mock.method(worker, 'summarizeAll');
    const summaries = await indexMessages(20, { mode: 'worker', thread: worker });
    assert.equal(summaries.filter((summary) => summary !== null).length, 20);
    assert.ok(roundTrips.mock.callCount() < 20, `20 messages took ${roundTrips.mock.callCount()} round trips`);
    const store = memoryStore();
    await store.open();
    await store.ensureAccount(ACCOUNT);
    const indexer = new SummaryIndexer(store, recordingLogger(), { mode: 'worker', thread: worker });
    const source = bufferSource(message(0));
    const started = performance.now();
    indexer.enqueue(source, await store.deliver({ source, targets: [{ account: ACCOUNT, mailbox: 'INBOX' }] }));
    await indexer.idle();
    assert.equal((await store.getMessage(ACCOUNT, 'INBOX', 1))?.summary?.subject, 'note 0');
    assert.ok(roundTrips.mock.calls.at(-1)!.arguments[0].length === 1, 'the lone message went alone');
    t.diagnostic(`a lone summary took ${(performance.now() - started).toFixed(1)} ms`);
    await store.close();
  });

  it("renders IMAP's ENVELOPE at delivery when asked, on the worker and inline alike", async () => {
    const [worker] = await indexMessages(1, { mode: 'worker', thread: thread(), imap: true });
    const [inline] = await indexMessages(1, { mode: 'inline', imap: true });
    assert.match(worker?.imap?.envelope ?? '', /^\("Tue, 7 Jan 2025 09:05:03 \+0000" "note 0"/);
    assert.deepEqual(inline, worker);
  });

  it("follows the deliverer's summaries option: none, without IMAP's renderings by default, with them when asked", async () => {
    const imapOf = async (summaries: DelivererOptions['summaries']) => {
      const store = memoryStore();
      await store.open();
      const directory = createDirectory({ records: store.records, store });
      await directory.addAccount(ACCOUNT, { createDomain: true });
      const deliverer = new Deliverer({ store, directory, summaries });
      const session = { id: 's', remoteAddress: '192.0.2.1', heloName: 'client.example', secure: false, authenticatedUser: null };
      await deliverer.deliver({ id: 'e', mailFrom: 'bob@example.test', rcptTo: [ACCOUNT], receivedAt: new Date(0), session }, bufferSource(message(0)));
      await deliverer.idle();
      const summary = (await store.getMessage(ACCOUNT, 'INBOX', 1))?.summary ?? null;
      await store.close();
      return summary === null ? 'no summary' : summary.imap === undefined ? 'no imap' : 'imap';
    };
    assert.equal(await imapOf(false), 'no summary');
    for (const summaries of [undefined, true, 'worker', 'inline', { mode: 'inline' }] as const) assert.equal(await imapOf(summaries), 'no imap', JSON.stringify(summaries));
    for (const summaries of [{ imap: true }, { mode: 'inline', imap: true }] as const) assert.equal(await imapOf(summaries), 'imap', JSON.stringify(summaries));
  });

  it('records the same summaries inline', async () => {
    const [inline] = await indexMessages(1, { mode: 'inline' });
    const [worker] = await indexMessages(1, { mode: 'worker', thread: thread() });
    assert.deepEqual(inline, worker);
  });

  it('falls back to inline parsing, and logs it once, when the worker cannot start', async () => {
    const logger = recordingLogger();
    const broken = thread(new URL('data:text/javascript,throw new Error("no worker here")'));
    const summaries = await indexMessages(3, { mode: 'worker', thread: broken }, logger);
    assert.deepEqual(summaries.map((summary) => summary?.subject), ['note 0', 'note 1', 'note 2']);
    assert.equal(broken.available, false);
    assert.deepEqual(logger.lines, ['error: summary worker failed; parsing summaries inline from now on']);
  });

  it('falls back to inline parsing when the worker dies in the middle of a job', async () => {
    const dying = thread(new URL("data:text/javascript,import { parentPort } from 'node:worker_threads'; parentPort.on('message', () => process.exit(3));"));
    const summaries = await indexMessages(2, { mode: 'worker', thread: dying });
    assert.deepEqual(summaries.map((summary) => summary?.subject), ['note 0', 'note 1']);
    assert.equal(dying.available, false);
  });

  it('skips summaries past maxPending rather than queueing without bound', async () => {
    const logger = recordingLogger();
    const summaries = await indexMessages(3, { mode: 'inline', maxPending: 1 }, logger);
    assert.equal(summaries[0]?.subject, 'note 0');
    assert.ok(summaries.slice(1).every((summary) => summary === null), 'the summaries past the bound stay null');
    assert.ok(logger.lines.some((line) => line.startsWith('warn: summary indexer saturated')));
  });

  it('skips summaries past maxPendingBytes of queued messages', async () => {
    const logger = recordingLogger();
    // each test message is under 100 octets: two fit in 200, the third does not
    const summaries = await indexMessages(3, { mode: 'inline', maxPendingBytes: 200 }, logger);
    assert.deepEqual(summaries.map((summary) => summary?.subject ?? null), ['note 0', 'note 1', null]);
    assert.ok(logger.lines.some((line) => line.startsWith('warn: summary indexer saturated')));
  });

  it('summarises a message larger than maxPendingBytes when nothing else waits', async () => {
    const summaries = await indexMessages(1, { mode: 'inline', maxPendingBytes: 10 });
    assert.equal(summaries[0]?.subject, 'note 0');
  });

  it('counts a summarised message out of the bound again', async () => {
    const store = memoryStore();
    await store.open();
    await store.ensureAccount(ACCOUNT);
    const indexer = new SummaryIndexer(store, recordingLogger(), { mode: 'inline', maxPending: 1, maxPendingBytes: 100 });
    for (let index = 0; index < 3; index += 1) {
      const source = bufferSource(message(index));
      indexer.enqueue(source, await store.deliver({ source, targets: [{ account: ACCOUNT, mailbox: 'INBOX' }], internalDate: new Date() }));
      await indexer.idle();
    }
    const subjects = await Promise.all([1, 2, 3].map(async (uid) => (await store.getMessage(ACCOUNT, 'INBOX', uid))?.summary?.subject));
    await store.close();
    assert.deepEqual(subjects, ['note 0', 'note 1', 'note 2']);
  });

  it('posts only the bytes of a message to the worker, never the rest of the buffer it is a slice of', async (t) => {
    const posted = t.mock.method(Worker.prototype, 'postMessage');
    const large = Buffer.alloc(8 * 1024 * 1024, 0x20);
    const whole = Buffer.from(message(2));
    large.write(message(1), 1024);
    const slice = large.subarray(1024, 1024 + 20_000);
    const summaries = await new SummaryThread().summarizeAll([slice, whole]);
    assert.deepEqual(summaries.map((summary) => summary.subject), ['note 1', 'note 2']);
    const { messages } = posted.mock.calls[0]!.arguments[0] as { messages: Uint8Array[] };
    assert.ok(messages[0]!.buffer.byteLength < 64 * 1024, `a 20 kB slice went to the worker in a ${messages[0]!.buffer.byteLength}-byte buffer`);
    assert.equal(messages[1], whole, 'a message that is its whole buffer goes as it is');
  });

  it('never keeps the process alive once its summaries are recorded', { timeout: 60_000 }, async () => {
    // a child that summarises through the worker and then simply returns: it must exit by itself
    const script = `
      import { SummaryThread } from ${JSON.stringify(fileURLToPath(new URL('../../src/deliverer/summary-thread.ts', import.meta.url)))};
      const [summary] = await new SummaryThread().summarizeAll([Buffer.from('Subject: bye\\r\\n\\r\\nx\\r\\n')]);
      console.log(summary.subject);
    `;
    // killed (exit code null) if the worker held it open: a guard against a hung suite, not a speed check
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'], timeout: 45_000 });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    assert.equal(output.trim(), 'bye');
  });
});
