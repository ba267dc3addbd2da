import assert from 'node:assert/strict';
import { text } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { bufferSource, chunkSource, prependSource } from '../../src/core/message-source.js';
import type { MessageSource } from '../../src/interfaces/message.js';

const prefix = Buffer.from('Return-Path: <a@example.test>\r\n');

describe('prependSource', () => {
  it('puts the prefix before a chunk source, in buffer() and read()', async () => {
    const source = prependSource(prefix, chunkSource([Buffer.from('Subject: x\r\n'), Buffer.from('\r\nbody\r\n')]));
    const expected = 'Return-Path: <a@example.test>\r\nSubject: x\r\n\r\nbody\r\n';
    assert.equal(source.size, Buffer.byteLength(expected));
    assert.equal((await source.buffer()).toString(), expected);
    assert.equal(await text(source.read()), expected);
  });
  it('puts the prefix before any other source, reading it once', async () => {
    const inner = bufferSource('Subject: y\r\n\r\nhi\r\n');
    let buffered = 0;
    const other: MessageSource = { size: inner.size, read: () => inner.read(), buffer: () => (buffered++, inner.buffer()) };
    const source = prependSource(prefix, other);
    assert.equal((await source.buffer()).toString(), `${prefix.toString()}Subject: y\r\n\r\nhi\r\n`);
    assert.equal(await source.buffer(), await source.buffer());
    assert.equal(buffered, 1);
    assert.equal(await text(source.read()), `${prefix.toString()}Subject: y\r\n\r\nhi\r\n`);
  });
});
