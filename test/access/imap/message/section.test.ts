import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMimeTree } from '../../../../src/mime/imap-mime-tree.js';
import { extractSection, parseSection } from '../../../../src/access/imap/message/section.js';
import type { ImapToken } from '../../../../src/access/imap/types.js';

const RAW = Buffer.from(
  'Subject: outer\r\nContent-Type: multipart/mixed; boundary=o\r\n\r\npreamble\r\n--o\r\nContent-Type: text/plain\r\n\r\none\r\n' +
    '--o\r\nContent-Type: message/rfc822\r\n\r\nSubject: inner\r\nX-A: 1\r\nContent-Type: multipart/alternative; boundary=i\r\n\r\n' +
    '--i\r\n\r\ninner one\r\n--i\r\nContent-Type: text/html\r\n\r\n<b>two</b>\r\n--i--\r\n--o--\r\n',
);
const atom = (value: string): ImapToken => ({ type: 'atom', value });
const text = (section: ImapToken[]): string | undefined => extractSection(RAW, parseMimeTree(RAW), parseSection(section))?.toString();

describe('section extraction (RFC 9051 §6.4.5)', () => {
  it('finds parts, nested parts and an encapsulated message', () => {
    assert.equal(text([atom('1')]), 'one');
    assert.equal(text([atom('2.HEADER.FIELDS'), { type: 'list', items: [atom('subject')] }]), 'Subject: inner\r\n\r\n');
    assert.equal(text([atom('2.1')]), 'inner one');
    assert.equal(text([atom('2.2')]), '<b>two</b>');
    assert.equal(text([atom('2.2.MIME')]), 'Content-Type: text/html\r\n\r\n');
    assert.equal(text([atom('HEADER.FIELDS.NOT'), { type: 'list', items: [atom('Content-Type')] }]), 'Subject: outer\r\n\r\n');
    assert.match(text([atom('2.TEXT')])!, /^--i\r\n/);
    assert.equal(text([atom('3')]), undefined);
  });
  it('refuses malformed sections', () => {
    for (const bad of [[atom('0')], [atom('1.')], [atom('MIME')], [atom('HEADER.FIELDS')], [atom('1HEADER')], [atom('TEXT'), atom('X')]]) {
      assert.throws(() => parseSection(bad), /section|HEADER.FIELDS/i, JSON.stringify(bad));
    }
  });
});
