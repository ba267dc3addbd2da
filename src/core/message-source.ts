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
  const source = overChunks(chunks);
  sourceChunks.set(source, chunks);
  return source;
}

/** The chunks of each source {@link chunkSource} made, so {@link prependSource} can reuse them without a copy. */
const sourceChunks = new WeakMap<MessageSource, readonly Buffer[]>();

function overChunks(chunks: readonly Buffer[]): MessageSource {
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

/**
 * `source` with `prefix` (a header field, say) in front of it. A source of {@link chunkSource}
 * keeps its chunks, so the only copy is made when `buffer()` is first called; any other source is
 * read once, when first needed.
 *
 * @example
 * const stored = prependSource(Buffer.from('Return-Path: <a@example.com>\r\n'), received);
 */
export function prependSource(prefix: Buffer, source: MessageSource): MessageSource {
  const chunks = sourceChunks.get(source);
  if (chunks !== undefined) return chunkSource([prefix, ...chunks]);
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
