import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageSummary } from '../../src/interfaces/message.js';
import type { MessageRecord } from '../../src/store/indexed/records.js';
import { storedSummary } from '../../src/store/indexed/summary-encoding.js';
import { memoryStore } from '../../src/store/index.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { JsonSummary } from '../../src/store/summary-json.js';
import { decodeMessage, encodeMutations } from '../../src/store/level/codec.js';

const summary = (): MessageSummary => ({
  subject: 'Order "42"',
  from: [{ name: 'Shop', address: 'orders@shop.test' }],
  to: [],
  cc: [],
  date: new Date('2026-11-29T01:00:00Z'),
  messageId: '<1@shop.test>',
  snippet: 'Thank you, café ☕ 𝄞',
  hasAttachments: false,
  imap: { envelope: '("x" NIL)', bodyStructure: '("text")', body: '("text")', references: [], inReplyTo: null },
});
const record = (withSummary: JsonSummary | null): MessageRecord => ({ uid: 7, modseq: 3, flags: ['\\Seen'], internalDate: 1_000, size: 42, blobId: 'b'.repeat(64), summary: withSummary });
const encoded = (message: MessageRecord): string => {
  const [operation] = encodeMutations([{ kind: 'message-put', uidValidity: 1, message }]);
  assert.equal(operation?.type, 'put');
  return operation.type === 'put' ? operation.value.toString('utf8') : '';
};
/** A record as plain data: the summary as what it reads. */
const plain = (message: MessageRecord) => ({ ...message, summary: message.summary?.parsed ?? null });

describe('summary texts', () => {
  it('a message record carries its summary as JSON.stringify would write it, and reads back the same', () => {
    for (const message of [record(storedSummary(summary())), record(null)]) {
      const text = encoded(message);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(plain(message))));
      assert.deepEqual(plain(decodeMessage(Buffer.from(text))), plain(message));
    }
  });

  it('keeps the text a summary came as, and reads the summary from it only when asked', () => {
    // what the summary worker sends (marked, to see that it is the text kept)
    const fromWorker = new JsonSummary(JSON.stringify({ ...summary(), snippet: 'made on the worker' }));
    const kept = storedSummary(fromWorker);
    assert.equal(JSON.parse(encoded(record(kept))).summary.snippet, 'made on the worker');
    assert.equal(kept.parsed.snippet, 'made on the worker', 'the summary read is the text kept');
    assert.ok(kept.parsed.date instanceof Date, 'its date is a Date again');
    assert.equal(kept.parsed, kept.parsed, 'parsed once');
    assert.ok(Object.isFrozen(kept.parsed) && Object.isFrozen(kept.parsed.from), 'callers share it, so it is frozen');
  });

  it('keeps only the fields a summary declares, of a summary nobody encoded', () => {
    const given = { ...summary(), secret: 'not a summary field' } as MessageSummary;
    const kept = storedSummary(given);
    assert.equal(kept.json, JSON.stringify(summary()));
    assert.equal((kept.parsed as unknown as { secret?: string }).secret, undefined);
    given.subject = 'changed by the caller afterwards';
    assert.equal(kept.parsed.subject, 'Order "42"', 'the store keeps what it was given, not the caller\'s object');
  });

  it('a summary read back parsed is written again as it was read', () => {
    const read = decodeMessage(Buffer.from(encoded(record(storedSummary(summary())))));
    assert.equal(read.summary?.json, JSON.stringify(summary()));
  });

  it('a summary that came as text reads as the summary it encodes', () => {
    const text = JSON.stringify(summary());
    const carried = new JsonSummary(text);
    assert.deepEqual({ ...carried.parsed }, summary());
    for (const field of ['subject', 'from', 'to', 'cc', 'date', 'messageId', 'snippet', 'hasAttachments', 'imap'] as const) {
      assert.deepEqual(carried[field], summary()[field], field);
    }
    assert.equal(JSON.stringify(carried), text);
    assert.equal(carried.from, carried.from, 'parsed once');
    assert.ok(Object.isFrozen(carried.from), 'read-only');
  });

  it('the store keeps a summary that came as text as that text, and hands out a plain one', async () => {
    const store = memoryStore();
    await store.ensureAccount('a@example.test');
    const [copy] = await store.deliver({ source: Buffer.from('Subject: x\r\n\r\nx\r\n'), targets: [{ account: 'a@example.test', mailbox: 'INBOX' }] });
    await store.setSummary('a@example.test', 'INBOX', copy!.uid, new JsonSummary(JSON.stringify(summary())));
    const stored = (await store.getMessage('a@example.test', 'INBOX', copy!.uid))?.summary;
    assert.ok(stored !== null && stored !== undefined && !(stored instanceof JsonSummary));
    assert.deepEqual({ ...stored }, summary());
    await store.close();
  });

  it('an adapter that does not keep text is given a plain summary', async () => {
    const received: object[] = [];
    class PlainStore extends MemoryStore {
      protected override readonly keepsSummaryText = false;
      protected override _setSummary(account: string, mailbox: string, uid: number, given: MessageSummary): Promise<void> {
        received.push(given);
        return super._setSummary(account, mailbox, uid, given);
      }
    }
    const store = new PlainStore();
    await store.ensureAccount('a@example.test');
    const [copy] = await store.deliver({ source: Buffer.from('Subject: x\r\n\r\nx\r\n'), targets: [{ account: 'a@example.test', mailbox: 'INBOX' }] });
    await store.setSummary('a@example.test', 'INBOX', copy!.uid, new JsonSummary(JSON.stringify(summary())));
    assert.equal(received.length, 1);
    assert.ok(!(received[0] instanceof JsonSummary));
    assert.deepEqual({ ...received[0] }, summary());
    await store.close();
  });
});
