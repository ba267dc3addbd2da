import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { headerValue, readHeaderSection } from '../../src/mime/index.js';

const scan = (text: string, limits?: Parameters<typeof readHeaderSection>[1]) => readHeaderSection(Buffer.from(text, 'utf8'), limits);

describe('readHeaderSection', () => {
  it('reads fields up to the blank line, names lower-cased', () => {
    const section = scan('Subject: Hi\r\nX-Spam-Flag: YES\r\n\r\nSubject: not a header\r\n');
    assert.deepEqual(section.fields, [{ name: 'subject', value: 'Hi' }, { name: 'x-spam-flag', value: 'YES' }]);
    assert.equal(section.headerLength, 'Subject: Hi\r\nX-Spam-Flag: YES\r\n\r\n'.length);
    assert.equal(section.truncated, false);
  });
  it('unfolds continuation lines (RFC 5322 §2.2.3)', () => {
    assert.deepEqual(scan('Subject: one\r\n two\r\n\tthree\r\n\r\n').fields, [{ name: 'subject', value: 'one two\tthree' }]);
  });
  it('accepts bare LF line endings', () => {
    const section = scan('A: 1\nB: 2\n continued\n\nbody');
    assert.deepEqual(section.fields, [{ name: 'a', value: '1' }, { name: 'b', value: '2 continued' }]);
    assert.equal(section.headerLength, 'A: 1\nB: 2\n continued\n\n'.length);
  });
  it('keeps repeated fields in order and encoded words as written', () => {
    const fields = scan('Received: a\r\nReceived: b\r\nSubject: =?utf-8?Q?x?=\r\n\r\n').fields;
    assert.deepEqual(fields.map((field) => field.value), ['a', 'b', '=?utf-8?Q?x?=']);
    assert.equal(headerValue(fields, 'received'), 'a');
    assert.equal(headerValue(fields, 'nope'), undefined);
  });
  it('takes the whole message as header when there is no blank line', () => {
    const section = scan('A: 1\r\nB: 2');
    assert.deepEqual(section.fields.map((field) => field.value), ['1', '2']);
    assert.equal(section.headerLength, 'A: 1\r\nB: 2'.length);
  });
  it('skips lines that are not fields: mbox From line, no colon, space in name, leading continuation', () => {
    const fields = scan(' orphan\r\nFrom sender@example.com Mon Jan 1\r\nno colon here\r\nBad Name: x\r\nGood: y\r\n\r\n').fields;
    assert.deepEqual(fields, [{ name: 'good', value: 'y' }]);
  });
  it('accepts the obsolete space before the colon (RFC 5322 §4.5)', () => {
    assert.deepEqual(scan('Subject : old\r\n\r\n').fields, [{ name: 'subject', value: 'old' }]);
  });
  it('decodes 8-bit values as UTF-8 (RFC 6532)', () => {
    assert.equal(scan('Subject: café\r\n\r\n').fields[0]?.value, 'café');
    assert.equal(readHeaderSection(Buffer.from([0x41, 0x3a, 0x20, 0xff, 0x0a, 0x0a])).fields[0]?.value, '\ufffd');
  });
  it('stops at maxFields and says so', () => {
    const section = scan('A: 1\r\nB: 2\r\nC: 3\r\n\r\n', { maxFields: 2 });
    assert.deepEqual(section.fields.map((field) => field.name), ['a', 'b']);
    assert.equal(section.truncated, true);
    assert.equal(section.headerLength, 'A: 1\r\nB: 2\r\n'.length);
  });
  it('stops at maxBytes without reading past it', () => {
    const section = scan(`A: 1\r\nB: ${'x'.repeat(100)}\r\n\r\n`, { maxBytes: 20 });
    assert.deepEqual(section.fields, [{ name: 'a', value: '1' }]);
    assert.equal(section.truncated, true);
    assert.equal(section.headerLength, 6);
  });
  it('bounds a 1 MB header line by default', () => {
    const section = scan(`Subject: ${'a'.repeat(2 * 1024 * 1024)}\r\n\r\n`);
    assert.equal(section.truncated, true);
    assert.deepEqual(section.fields, []);
  });
  it('reads 20,000 fields up to the default bound of 10,000', () => {
    const section = scan(Array.from({ length: 20_000 }, (_, index) => `X-${index}: v\r\n`).join('') + '\r\n');
    assert.equal(section.fields.length, 10_000);
    assert.equal(section.truncated, true);
  });
  it('keeps NUL bytes in values and skips them in names', () => {
    assert.deepEqual(scan('A: x\0y\r\nB\0: z\r\n\r\n').fields, [{ name: 'a', value: 'x\0y' }]);
  });
});
