import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource } from '../../src/core/message-source.js';
import { parseMessage } from '../../src/mime/index.js';
import { manyParts } from './hostile-inputs.js';

const MESSAGE = [
  'From: Sender <sender@example.com>',
  'To: =?utf-8?Q?R=C3=A9mi?= <remi@example.com>',
  'Cc: cc@example.com',
  'Subject: =?utf-8?Q?Re=CC=81sume=CC=81?=',
  'Date: Wed, 3 Jan 2024 12:00:00 +0000',
  'Message-ID: <m1@example.com>',
  'Received: from a',
  'Received: from b',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: multipart/alternative; boundary="a"',
  '',
  '--a',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hello text',
  '--a',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Hello html</p>',
  '--a--',
  '--b',
  'Content-Type: text/csv; name="data.csv"',
  'Content-Disposition: attachment; filename="data.csv"',
  'Content-Transfer-Encoding: base64',
  '',
  Buffer.from('a,b\n1,2\n').toString('base64'),
  '--b--',
  '',
].join('\r\n');

describe('parseMessage', () => {
  it('takes a whole message apart', async () => {
    const parsed = await parseMessage(bufferSource(MESSAGE));
    assert.deepEqual(parsed.from, [{ name: 'Sender', address: 'sender@example.com' }]);
    assert.deepEqual(parsed.to, [{ name: 'Rémi', address: 'remi@example.com' }]);
    assert.deepEqual(parsed.cc, [{ name: '', address: 'cc@example.com' }]);
    assert.equal(parsed.subject.normalize('NFC'), 'Résumé');
    assert.equal(parsed.date?.toISOString(), '2024-01-03T12:00:00.000Z');
    assert.equal(parsed.messageId, '<m1@example.com>');
    assert.equal(parsed.text?.trim(), 'Hello text');
    assert.equal(parsed.html?.trim(), '<p>Hello html</p>');
    assert.equal(parsed.attachments.length, 1);
    const [attachment] = parsed.attachments;
    assert.equal(attachment?.filename, 'data.csv');
    assert.equal(attachment?.contentType, 'text/csv');
    assert.equal(attachment?.content.toString(), 'a,b\n1,2\n');
    assert.equal(attachment?.size, 8);
  });
  it('lists headers by lower-case name, repeated ones as arrays, encoded words decoded', async () => {
    const { headers } = await parseMessage(bufferSource(MESSAGE));
    assert.deepEqual(headers.received, ['from a', 'from b']);
    assert.equal((headers.subject as string).normalize('NFC'), 'Résumé');
    assert.equal(headers['message-id'], '<m1@example.com>');
  });
  it('treats a header named __proto__ as a header', async () => {
    const { headers } = await parseMessage(bufferSource('__proto__: polluted\r\nSubject: s\r\n\r\n'));
    assert.equal(headers['__proto__'], 'polluted');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
  it('gives null text and html when there is no body', async () => {
    const parsed = await parseMessage(bufferSource('Subject: empty\r\n\r\n'));
    assert.equal(parsed.text, null);
    assert.equal(parsed.html, null);
    assert.deepEqual(parsed.attachments, []);
  });
  it('falls back to the headers for a message the parser refuses', async () => {
    const parsed = await parseMessage(bufferSource(manyParts(2_000)));
    assert.equal(parsed.subject, 'hostile');
    assert.deepEqual(parsed.attachments, []);
    assert.equal(parsed.headers.from, 'a@example.com');
  });
});

describe('parseMessage dates', () => {
  it('gives null for an unreadable Date, not the current time', async () => {
    assert.equal((await parseMessage(bufferSource('Date: yesterday-ish\r\n\r\n'))).date, null);
    assert.equal((await parseMessage(bufferSource('Subject: no date\r\n\r\n'))).date, null);
  });
});
