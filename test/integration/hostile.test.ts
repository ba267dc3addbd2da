import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { watchEventLoop } from '../helpers/event-loop.js';
import {
  brokenEncodedWords,
  deeplyNestedMultipart,
  hugeHeaderLine,
  invalidUtf8,
  manyHeaderFields,
  manyMimeParts,
  withNulBytes,
} from '../helpers/hostile-messages.js';
import { startMailServer, type RunningServer } from '../helpers/mail-server.js';
import { SmtpSession } from '../helpers/smtp-session.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

/** V8's collector, so that RSS shows what is kept rather than garbage not yet collected. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

describe('hostile input through the whole server into the store', () => {
  let running: RunningServer;
  let loop: ReturnType<typeof watchEventLoop>;

  before(async () => {
    running = await startMailServer('memory', { directory: { acceptAll: true } });
    loop = watchEventLoop();
  });
  after(async () => {
    await running.close();
  });

  /** Sends one message to its own account on a new session; resolves the final DATA reply. */
  async function send(account: string, message: Buffer): Promise<string> {
    const session = await SmtpSession.open(running.port);
    try {
      const { data } = await session.sendMail('hostile@client.test', [account], message);
      return data!.last;
    } finally {
      await session.quit();
    }
  }

  async function assertStillAnswers(): Promise<void> {
    const session = await SmtpSession.open(running.port);
    try {
      assert.equal((await session.command('NOOP')).last, '250 2.0.0 OK');
    } finally {
      await session.quit();
    }
  }

  async function assertStoredIntact(account: string, message: Buffer): Promise<void> {
    const copies = await storedCopies(running.server.store, account);
    assert.equal(copies.length, 1);
    assert.ok(withoutTraceHeaders(copies[0]!.raw).equals(message), 'stored bytes differ from those sent');
  }

  it('refuses a 1 MB header line with 552 5.3.4 for the header section, storing nothing', async () => {
    assert.equal(await send('huge-line@hostile.test', hugeHeaderLine(1024 * 1024)), '552 5.3.4 Error: message header section exceeds 262144 bytes');
    assert.deepEqual(await storedCopies(running.server.store, 'huge-line@hostile.test').catch(() => []), []);
    await assertStillAnswers();
  });

  const stored: Array<[string, string, () => Buffer]> = [
    ['20,000 header fields', 'fields@hostile.test', () => manyHeaderFields(20_000)],
    ['10,000 MIME parts', 'parts@hostile.test', () => manyMimeParts(10_000)],
    ['multiparts nested 5,000 deep', 'deep@hostile.test', () => deeplyNestedMultipart(5_000)],
    ['NUL bytes in header and body', 'nul@hostile.test', withNulBytes],
    ['broken encoded-words', 'encoded-words@hostile.test', brokenEncodedWords],
    ['invalid UTF-8 in header and body', 'utf8@hostile.test', invalidUtf8],
  ];
  for (const [name, account, build] of stored) {
    it(`stores ${name} intact and goes on answering`, async () => {
      const message = build();
      assert.match(await send(account, message), /^250 2\.0\.0 Ok: queued as [0-9A-F]{16}$/);
      await assertStoredIntact(account, message);
      await assertStillAnswers();
    });
  }

  it('refuses a 50 MB message with 552 5.3.4 while memory stays bounded', async () => {
    const session = await SmtpSession.open(running.port);
    try {
      assert.equal((await session.command('MAIL FROM:<hostile@client.test>')).code, 250);
      assert.equal((await session.command('RCPT TO:<big@hostile.test>')).code, 250);
      assert.equal((await session.command('DATA')).code, 354);
      await session.write('Subject: huge\r\n\r\n');
      const megabyte = Buffer.from(`${'z'.repeat(1022)}\r\n`.repeat(1024));
      collectGarbage();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      for (let sent = 0; sent < 50; sent += 1) {
        await session.write(megabyte);
        if (sent % 5 === 4) {
          collectGarbage();
          peak = Math.max(peak, process.memoryUsage().rss);
        }
      }
      await session.write('.\r\n');
      assert.equal((await session.reply()).last, '552 5.3.4 Error: message exceeds fixed maximum message size 26214400');
      peak = Math.max(peak, process.memoryUsage().rss);
      // at most the 25 MiB kept until the limit was passed, plus socket and stream buffers
      const growth = peak - baseline;
      assert.ok(growth < 41 * 1024 * 1024, `rss grew by ${Math.round(growth / 1048576)} MiB`);
      // the session goes on after a refused message
      assert.equal((await session.command('RSET')).code, 250);
    } finally {
      await session.quit();
    }
    assert.deepEqual(await storedCopies(running.server.store, 'big@hostile.test').catch(() => []), []);
  });

  it('records summaries for the plain ones, survives the rest, and never blocked its event loop for long', async () => {
    await running.server.deliverer.idle();
    for (const account of ['fields@hostile.test', 'nul@hostile.test', 'encoded-words@hostile.test', 'utf8@hostile.test']) {
      const [copy] = await running.server.store.listMessages(account, 'INBOX');
      assert.notEqual(copy?.summary ?? null, null, `${account} has no summary`);
    }
    assert.equal((await running.server.store.listMessages('fields@hostile.test', 'INBOX'))[0]!.summary!.subject, 'many fields');
    assert.equal((await running.server.store.listMessages('nul@hostile.test', 'INBOX'))[0]!.summary!.snippet.includes('A'), true);
    // parts and deep may have a summary or not; the process must simply still be here, answering
    await assertStillAnswers();
    const maxDelayMs = loop.stop();
    assert.ok(maxDelayMs < 2000, `the event loop was blocked for ${Math.round(maxDelayMs)} ms`);
  });
});
