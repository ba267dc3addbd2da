import { Readable } from 'node:stream';
import type { MessageSource } from '../interfaces/message.js';

/**
 * A {@link MessageSource} over chunks already in memory, as the receiver collects them from the
 * DATA stream. The chunks are never concatenated unless `buffer()` is called.
 *
 * @example
 * const source = chunkSource([Buffer.from('Subject: hi\r\n\r\nbody\r\n')]);
 */
export function chunkSource(chunks: readonly Buffer[]): MessageSource {
  const size = chunks.reduce((total, chunk) => total + chunk.length, 0);
  let joined: Buffer | undefined;
  return {
    size,
    read: () => Readable.from(chunks, { objectMode: false }),
    buffer: async () => {
      joined ??= chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks as Buffer[], size);
      return joined;
    },
  };
}

/** A {@link MessageSource} over one Buffer or string (UTF-8). */
export function bufferSource(data: Buffer | string): MessageSource {
  return chunkSource([typeof data === 'string' ? Buffer.from(data, 'utf8') : data]);
}

/** Accepts what the store API takes (a source or a Buffer) and returns a source. */
export function toMessageSource(input: MessageSource | Buffer): MessageSource {
  return Buffer.isBuffer(input) ? bufferSource(input) : input;
}
