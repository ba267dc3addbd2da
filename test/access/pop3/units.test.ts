import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ByteStuffer } from '../../../src/access/pop3/byte-stuffer.js';
import { LineReader } from '../../../src/access/pop3/line-reader.js';
import { parsePlain } from '../../../src/access/pop3/sasl-plain.js';
import { unstuff } from './pop3-client.js';

function stuff(chunks: Buffer[], bodyLines?: number): Buffer {
  const stuffer = new ByteStuffer(bodyLines === undefined ? {} : { bodyLines });
  const out: Buffer[] = [];
  for (const chunk of chunks) {
    out.push(...stuffer.push(chunk));
    if (stuffer.complete) break;
  }
  return Buffer.concat([...out, stuffer.end()]);
}

/** Splits bytes at the given cut points. */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  return chunks;
}

const crlfMessage = fc
  .array(fc.oneof(fc.constantFrom('', '.', '..', '.x', 'a.b', 'Subject: x'), fc.string({ unit: 'binary-ascii', maxLength: 20 }).map((text) => text.replace(/[\r\n]/g, ''))), { maxLength: 30 })
  .map((lines) => Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'latin1'));

describe('pop3 byte-stuffing', () => {
  it('stuffs lines that start with a dot and terminates the response', () => {
    assert.equal(stuff([Buffer.from('.a\r\nb\r\n..\r\n')]).toString(), '..a\r\nb\r\n...\r\n.\r\n');
    assert.equal(stuff([Buffer.from('no end')]).toString(), 'no end\r\n.\r\n');
    assert.equal(stuff([]).toString(), '.\r\n');
  });

  it('unstuffs to the original, however the message is chunked (property)', () => {
    fc.assert(
      fc.property(crlfMessage, fc.array(fc.nat(), { maxLength: 8 }), (message, cuts) => {
        const body = stuff(split(message, cuts));
        assert.deepEqual(unstuff(body), message);
        // The only line that is a lone dot is the terminator.
        const lines = body.toString('latin1').split('\r\n');
        assert.equal(lines.indexOf('.'), lines.length - 2);
      }),
    );
  });

  it('cuts like TOP: header, blank line, n body lines, whatever the chunking (property)', () => {
    const message = Buffer.from('A: 1\r\nB: 2\r\n\r\n1\r\n.2\r\n3\r\n');
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 0, max: 5 }), (cuts, lines) => {
        const expected = ['A: 1', 'B: 2', '', '1', '.2', '3'].slice(0, 3 + Math.min(lines, 3));
        const body = stuff(split(message, cuts), lines);
        assert.equal(unstuff(body).toString(), expected.map((line) => `${line}\r\n`).join(''));
      }),
    );
  });
});

describe('pop3 line reader', () => {
  it('splits on CRLF and bare LF, and reports too-long lines once', () => {
    const reader = new LineReader(5);
    assert.deepEqual(reader.push(Buffer.from('ab\r\ncd\nlonger-line\r\nok')), [
      { kind: 'line', text: 'ab' },
      { kind: 'line', text: 'cd' },
      { kind: 'too-long' },
    ]);
    assert.deepEqual(reader.push(Buffer.from('\r\n')), [{ kind: 'line', text: 'ok' }]);
  });

  it('never holds more than the bound, whatever arrives (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 }), fc.integer({ min: 1, max: 64 }), (chunks, bound) => {
        const reader = new LineReader(bound);
        for (const chunk of chunks) {
          for (const line of reader.push(Buffer.from(chunk))) if (line.kind === 'line') assert.ok(Buffer.byteLength(line.text) <= bound * 3);
          assert.ok(reader.buffered <= bound + 1);
        }
      }),
    );
  });
});

describe('SASL PLAIN', () => {
  it('decodes the three parts and refuses other shapes', () => {
    const encode = (text: string): string => Buffer.from(text).toString('base64');
    assert.deepEqual(parsePlain(encode('\0alice\0pw')), { authorizationId: '', username: 'alice', password: 'pw' });
    assert.equal(parsePlain(encode('alice\0pw')), null);
    assert.equal(parsePlain(encode('\0\0pw')), null);
    assert.equal(parsePlain(encode('\0a\0b\0c')), null);
    assert.equal(parsePlain(Buffer.from([0, 0x61, 0, 0xff]).toString('base64')), null);
    assert.equal(parsePlain('abc'), null);
  });
});
