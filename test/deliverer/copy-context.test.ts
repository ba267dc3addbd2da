import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource } from '../../src/core/message-source.js';
import { CopyContext, LazyHeaders } from '../../src/deliverer/copy-context.js';
import type { Envelope } from '../../src/interfaces/envelope.js';

const raw = Buffer.from('Subject: Hello\r\nX-Tag: one\r\n two\r\n\r\nbody\r\n');
const envelope = { mailFrom: 'a@example.test', rcptTo: ['b@example.test', 'c@example.test'] } as unknown as Envelope;

describe('CopyContext', () => {
  it('tells a hook the copy it decides for, and the message header fields read once for all copies', () => {
    const headers = new LazyHeaders(raw);
    const source = bufferSource(raw);
    const first = new CopyContext({ envelope, recipient: 'b@example.test', account: 'b@example.test', detail: null, source }, headers);
    const second = new CopyContext({ envelope, recipient: 'c@example.test', account: 'c@example.test', detail: 'tag', source }, headers);
    assert.deepEqual(first.headers, [
      { name: 'subject', value: 'Hello' },
      { name: 'x-tag', value: 'one two' },
    ]);
    assert.equal(second.headers, first.headers, 'one read serves every copy');
    assert.deepEqual([second.envelope, second.recipient, second.account, second.detail, second.source], [envelope, 'c@example.test', 'c@example.test', 'tag', source]);
  });
});
