import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageSummary } from '../../src/interfaces/message.js';
import { copySummary, type MessageRecord } from '../../src/store/indexed/records.js';
import { rememberSummaryJson, summaryJson } from '../../src/store/indexed/summary-encoding.js';
import { decodeMessage, encodeMutations } from '../../src/store/level/codec.js';

const summary = (): MessageSummary => ({
  subject: 'Order "42"',
  from: [{ name: 'Shop', address: 'orders@shop.test' }],
  to: [],
  cc: [],
  date: new Date('2026-11-29T01:00:00Z'),
  messageId: '<1@shop.test>',
  snippet: 'Thank you',
  hasAttachments: false,
  imap: { envelope: '("x" NIL)', bodyStructure: '("text")', body: '("text")', references: [], inReplyTo: null },
});
const record = (withSummary: MessageSummary | null): MessageRecord => ({ uid: 7, modseq: 3, flags: ['\\Seen'], internalDate: 1_000, size: 42, blobId: 'b'.repeat(64), summary: withSummary });
const encoded = (message: MessageRecord): string => {
  const [operation] = encodeMutations([{ kind: 'message-put', uidValidity: 1, message }]);
  assert.equal(operation?.type, 'put');
  return operation.type === 'put' ? operation.value.toString('utf8') : '';
};

describe('summary texts', () => {
  it('a message record carries its summary as JSON.stringify would write it, and reads back the same', () => {
    for (const message of [record(summary()), record(null)]) {
      const text = encoded(message);
      assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(message)));
      assert.deepEqual(decodeMessage(Buffer.from(text)), message);
    }
  });

  it('writes the text made elsewhere, and a copy of the summary keeps it', () => {
    const fromWorker = summary();
    // what the summary worker sends beside the summary (here marked, to see that it is the one written)
    rememberSummaryJson(fromWorker, JSON.stringify({ ...fromWorker, snippet: 'made on the worker' }));
    const stored = copySummary(fromWorker);
    assert.equal(JSON.parse(encoded(record(stored))).summary.snippet, 'made on the worker');
    assert.equal(summaryJson(summary()), JSON.stringify(summary()), 'a summary nobody encoded is stringified');
  });
});
