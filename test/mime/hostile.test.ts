import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { bufferSource } from '../../src/core/message-source.js';
import { parseMessage, readHeaderSection, summarize } from '../../src/mime/index.js';
import { hostileMessages } from './hostile-inputs.js';

/** A safety bound, not a benchmark: no single message may hold the event loop this long. */
const MAX_BLOCKED_NS = 2e9;
const CORPUS = '/work/shared/corpus';

/** Runs every parser on `raw`, failing when one throws. */
async function parseAll(raw: Buffer): Promise<void> {
  const { fields, headerLength } = readHeaderSection(raw);
  assert.ok(headerLength <= raw.length);
  assert.ok(fields.every((field) => field.name === field.name.toLowerCase()));
  const summary = await summarize(bufferSource(raw));
  assert.equal(typeof summary.subject, 'string');
  assert.ok(Array.from(summary.snippet).length <= 200);
  const parsed = await parseMessage(bufferSource(raw));
  assert.equal(typeof parsed.subject, 'string');
}

/** Runs `work`, failing when it blocks the event loop beyond the bound at any one time. */
async function withinLoopBound(work: () => Promise<void>): Promise<void> {
  const delay = monitorEventLoopDelay({ resolution: 20 });
  delay.enable();
  try {
    await work();
    // One more turn so a block at the very end is measured too.
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    delay.disable();
  }
  assert.ok(delay.max < MAX_BLOCKED_NS, `event loop blocked for ${Math.round(delay.max / 1e6)} ms`);
}

function walk(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

describe('hostile input: no parser throws or hangs', () => {
  for (const [name, raw] of Object.entries(hostileMessages())) {
    it(name, () => withinLoopBound(() => parseAll(raw)));
  }
});

describe('hostile input: what survives is still read', () => {
  const messages = hostileMessages();
  it('a message with too many parts keeps its headers (header-only fallback)', async () => {
    const summary = await summarize(bufferSource(messages['10,000 MIME parts']!));
    assert.equal(summary.subject, 'hostile');
    assert.deepEqual(summary.from, [{ name: '', address: 'a@example.com' }]);
    const parsed = await parseMessage(bufferSource(messages['multipart nested 5,000 deep']!));
    assert.equal(parsed.subject, 'hostile');
    assert.equal(parsed.headers.to, 'b@example.com');
  });
  it('a header too big for the MIME parser still yields its subject', async () => {
    assert.equal((await summarize(bufferSource(messages['a 1 MB header line']!))).subject, 'hostile');
  });
  it('broken encoded words are kept as written', async () => {
    const raw = messages['broken base64 encoded word']!;
    assert.equal((await parseMessage(bufferSource(raw))).headers.subject, '=?utf-8?B?!!!?=');
    // mailparser decodes the word to nothing; either reading is fine, a crash is not.
    assert.ok(['', '=?utf-8?B?!!!?='].includes((await summarize(bufferSource(raw))).subject));
    const parsed = await parseMessage(bufferSource(messages['unknown charset encoded word']!));
    assert.equal(parsed.headers.subject, '=?x-nope?Q?a?=');
    assert.equal(parsed.from[0]?.address, 'a@example.com');
  });
  it('bare LF messages are read like CRLF ones', async () => {
    const summary = await summarize(bufferSource(messages['bare LF line endings']!));
    assert.equal(summary.subject, 'lf');
    assert.equal(summary.snippet, 'body');
  });
  it('a source that fails to read yields an empty summary', async () => {
    const failing = { size: 1, read: () => { throw new Error('disk gone'); }, buffer: () => Promise.reject(new Error('disk gone')) };
    const summary = await summarize(failing);
    assert.equal(summary.subject, '');
    assert.equal((await parseMessage(failing)).text, null);
  });
});

describe('corpus: every file of /work/shared/corpus', () => {
  const files = walk(CORPUS).filter((path) => !/\/(MANIFEST\.tsv|LICENSES\.md)$/.test(path));
  it('has the corpus', () => assert.ok(files.length > 300, `found ${files.length} files`));
  it('survives every file', () =>
    withinLoopBound(async () => {
      for (const path of files) {
        await parseAll(readFileSync(path)).catch((error: unknown) => {
          throw new Error(`${path}: ${String(error)}`, { cause: error });
        });
      }
    }));
});
