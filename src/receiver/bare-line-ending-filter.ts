import { Transform, type TransformCallback } from 'node:stream';
import type { BareLineEndingPolicy } from './options.js';

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');

/** A bare CR or LF was found in DATA while the policy is `reject`. */
export class BareLineEndingError extends Error {
  /** Which character stood alone. */
  readonly character: 'CR' | 'LF';

  constructor(character: 'CR' | 'LF') {
    super(`bare <${character}> in message data`);
    this.name = 'BareLineEndingError';
    this.character = character;
  }
}

/**
 * The SMTP smuggling defence on the DATA stream (RFC 5321 §2.3.8: CR and LF only as CRLF).
 * smtp-server ends DATA only at CRLF.CRLF but passes bare CR and LF through, which a server
 * further along may read as a line end, and so as the end of one message and the start of
 * another. With `reject` the first bare CR or LF fails the stream with {@link BareLineEndingError}
 * at once; with `normalize` each becomes CRLF. A CR at the end of a chunk waits for the next one.
 */
export class BareLineEndingFilter extends Transform {
  readonly #policy: BareLineEndingPolicy;
  #pendingCr = false;

  constructor(policy: BareLineEndingPolicy) {
    super();
    this.#policy = policy;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const pieces: Buffer[] = [];
    let start = 0;
    let index = 0;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (chunk[0] === LF) {
        pieces.push(CRLF);
        start = index = 1;
      } else if (this.#policy === 'reject') {
        return callback(new BareLineEndingError('CR'));
      } else {
        pieces.push(CRLF);
      }
    }
    for (; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (byte !== CR && byte !== LF) continue;
      if (byte === CR && index + 1 === chunk.length) {
        pieces.push(chunk.subarray(start, index));
        this.#pendingCr = true;
        start = chunk.length;
        break;
      }
      if (byte === CR && chunk[index + 1] === LF) {
        index += 1;
        continue;
      }
      if (this.#policy === 'reject') return callback(new BareLineEndingError(byte === CR ? 'CR' : 'LF'));
      pieces.push(chunk.subarray(start, index), CRLF);
      start = index + 1;
    }
    if (start < chunk.length) pieces.push(start === 0 ? chunk : chunk.subarray(start));
    for (const piece of pieces) if (piece.length > 0) this.push(piece);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#pendingCr) return callback();
    if (this.#policy === 'reject') return callback(new BareLineEndingError('CR'));
    callback(null, CRLF);
  }
}
