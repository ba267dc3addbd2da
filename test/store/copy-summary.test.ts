import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MessageSummary } from '../../src/interfaces/message.js';
import { copySummary } from '../../src/store/indexed/records.js';

const summary = (): MessageSummary => ({
  subject: 'Order',
  from: [{ name: 'Shop', address: 'orders@shop.test' }],
  to: [{ name: '', address: 'a@example.test' }],
  cc: [],
  date: new Date('2026-11-29T01:00:00Z'),
  messageId: '<1@shop.test>',
  snippet: 'Thank you',
  hasAttachments: false,
  imap: { envelope: '(NIL)', bodyStructure: '("text")', body: '("text")', references: ['<0@shop.test>'], inReplyTo: null },
});

describe('copySummary', () => {
  it('copies every declared field, sharing nothing the caller can change', () => {
    const original = summary();
    const copy = copySummary(original);
    assert.deepEqual(copy, summary());
    original.from[0]!.name = 'changed';
    original.to.push({ name: 'x', address: 'x@example.test' });
    original.date!.setFullYear(2000);
    original.imap!.references.push('<2@shop.test>');
    assert.deepEqual(copy, summary());
  });

  it('keeps a missing IMAP rendering missing and a null date null, and drops undeclared fields', () => {
    const { imap: _imap, ...withoutImap } = summary();
    const copy = copySummary({ ...withoutImap, date: null, extra: 'x' } as MessageSummary);
    assert.equal('imap' in copy, false);
    assert.equal(copy.date, null);
    assert.equal('extra' in copy, false);
  });
});
