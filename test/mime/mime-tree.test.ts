import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseMimeTree } from '../../src/mime/imap-mime-tree.js';

/** The body of each part of a multipart message, as parseMimeTree delimits them. */
function partBodies(message: string): string[] {
  const raw = Buffer.from(message);
  return parseMimeTree(raw).children.map((part) => raw.toString('latin1', part.bodyStart, part.end));
}

const header = 'Content-Type: multipart/mixed; boundary="XyZ"\r\n\r\n';

describe('parseMimeTree delimiters (RFC 2046 §5.1.1)', () => {
  it('takes a delimiter only at the start of a line, with nothing but padding after it', () => {
    const bodies = partBodies(`${header}--XyZ\r\n\r\na --XyZ\r\n--XyZX\r\n--XyZ \t\r\nContent-Type: text/html\r\n\r\n<p>\r\n--XyZ--\r\nepilogue --XyZ\r\n`);
    assert.deepEqual(bodies, ['a --XyZ\r\n--XyZX', '<p>']);
  });

  it('runs the last part to the end when the closing delimiter is missing', () => {
    assert.deepEqual(partBodies(`${header}--XyZ\r\n\r\none\r\n--XyZ\r\n\r\ntwo`), ['one', 'two']);
  });

  it('reads bare LF line ends, and a delimiter at the very start of the body', () => {
    assert.deepEqual(partBodies('Content-Type: multipart/mixed; boundary="XyZ"\n\n--XyZ\n\nlf only\n--XyZ--\n'), ['lf only']);
  });
});
