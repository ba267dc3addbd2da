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
  return new ChunkSource(chunks);
}

/**
 * A source over chunks in memory. A class, so {@link prependSource} can tell one and reuse its
 * chunks without a copy, and so a delivery's source costs one object, not three closures.
 */
class ChunkSource implements MessageSource {
  readonly size: number;
  readonly chunks: readonly Buffer[];
  #joined: Promise<Buffer> | undefined;

  constructor(chunks: readonly Buffer[]) {
    let size = 0;
    for (const chunk of chunks) size += chunk.length;
    this.size = size;
    this.chunks = chunks;
  }

  read(): Readable {
    return Readable.from(this.chunks, { objectMode: false });
  }

  buffer(): Promise<Buffer> {
    this.#joined ??= Promise.resolve(this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks as Buffer[], this.size));
    return this.#joined;
  }
}

/**
 * `source` with `prefix` (a header field, say) in front of it. A source of {@link chunkSource}
 * keeps its chunks, so the only copy is made when `buffer()` is first called; any other source is
 * read once, when first needed.
 *
 * @example
 * const stored = prependSource(Buffer.from('Return-Path: <a@example.com>\r\n'), received);
 */
export function prependSource(prefix: Buffer, source: MessageSource): MessageSource {
  if (source instanceof ChunkSource) return new ChunkSource([prefix, ...source.chunks]);
  let joined: Promise<Buffer> | undefined;
  return {
    size: prefix.length + source.size,
    read: () => Readable.from((async function* () {
      yield prefix;
      yield* source.read();
    })(), { objectMode: false }),
    buffer: () => (joined ??= source.buffer().then((rest) => Buffer.concat([prefix, rest], prefix.length + rest.length))),
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
