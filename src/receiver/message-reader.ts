import type { BareLineEndingPolicy } from './options.js';

const CR = 0x0d;
const LF = 0x0a;
const CRLF = Buffer.from('\r\n');
// "\r\n\r\n": the CRLF ending the last header line, then the empty line
const HEADER_END = [0x0d, 0x0a, 0x0d, 0x0a];

/** Why a collected message cannot be accepted. */
export type CollectorOverflow = 'message' | 'header' | null;

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
 * Reads one message from the DATA stream, chunk by chunk, doing two jobs in one pass.
 *
 * - The SMTP smuggling defence (RFC 5321 §2.3.8: CR and LF only as CRLF). smtp-server ends DATA
 *   only at CRLF.CRLF but passes bare CR and LF through, which a server further along may read
 *   as a line end, and so as the end of one message and the start of another. With `reject` the
 *   first bare CR or LF throws {@link BareLineEndingError}; with `normalize` each becomes CRLF.
 *   A CR at the end of a chunk waits for the next one.
 * - Bounded collection: the chunks are kept as they arrive, never joined, within the whole
 *   message (`maxMessageBytes`) and the header section (`maxHeaderBytes`, the octets before the
 *   first empty line, RFC 5322 §2.1). Once a bound is passed the reader drops what it kept and
 *   only counts, so memory stays bounded however much the client goes on sending.
 *
 * Line ends are found with `Buffer#indexOf` (native memchr), so a well-formed chunk costs two
 * native searches per line rather than a JavaScript step per octet.
 */
export class MessageReader {
  readonly #policy: BareLineEndingPolicy;
  readonly #maxMessageBytes: number;
  readonly #maxHeaderBytes: number;
  #pendingCr = false;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #overflow: CollectorOverflow = null;
  #headerEnded = false;
  // how much of HEADER_END was just seen; 2 at the start so that a leading CRLF is the empty line
  #matched = 2;

  constructor(limits: { maxMessageBytes: number; maxHeaderBytes: number }, policy: BareLineEndingPolicy) {
    this.#policy = policy;
    this.#maxMessageBytes = limits.maxMessageBytes;
    this.#maxHeaderBytes = limits.maxHeaderBytes;
  }

  /** The message so far (line ends normalized), in arrival order; empty once a bound was passed. */
  get chunks(): readonly Buffer[] {
    return this.#chunks;
  }

  /** Octets read after normalization, kept or not. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Which bound was passed first, or null. */
  get overflow(): CollectorOverflow {
    return this.#overflow;
  }

  /** Takes the next chunk of DATA. Throws {@link BareLineEndingError} under `reject`. */
  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let start = 0;
    if (this.#pendingCr) {
      this.#pendingCr = false;
      if (chunk[0] !== LF) this.#bare('CR');
      else start = 1;
      this.#keep(CRLF);
    }
    let cr = chunk.indexOf(CR, start);
    let lf = chunk.indexOf(LF, start);
    while (cr !== -1 || lf !== -1) {
      if (lf !== -1 && (cr === -1 || lf < cr)) {
        // an LF before any CR has no CR in front of it
        this.#bare('LF');
        this.#keep(chunk.subarray(start, lf));
        this.#keep(CRLF);
        start = lf + 1;
        lf = chunk.indexOf(LF, start);
      } else if (cr + 1 === chunk.length) {
        this.#keep(chunk.subarray(start, cr));
        this.#pendingCr = true;
        return;
      } else if (lf === cr + 1) {
        cr = chunk.indexOf(CR, lf + 1);
        lf = chunk.indexOf(LF, lf + 1);
      } else {
        this.#bare('CR');
        this.#keep(chunk.subarray(start, cr));
        this.#keep(CRLF);
        start = cr + 1;
        cr = chunk.indexOf(CR, start);
      }
    }
    this.#keep(start === 0 ? chunk : chunk.subarray(start));
  }

  /** The DATA stream ended. Throws {@link BareLineEndingError} on a trailing CR under `reject`. */
  end(): void {
    if (!this.#pendingCr) return;
    this.#pendingCr = false;
    this.#bare('CR');
    this.#keep(CRLF);
  }

  /** Under `reject` a bare line ending ends the read; under `normalize` the caller writes CRLF. */
  #bare(character: 'CR' | 'LF'): void {
    if (this.#policy === 'reject') throw new BareLineEndingError(character);
  }

  #keep(piece: Buffer): void {
    if (piece.length === 0) return;
    const offset = this.#bytes;
    this.#bytes += piece.length;
    if (!this.#headerEnded && this.#overflow === null) this.#scanHeader(piece, offset);
    if (this.#overflow === null && this.#bytes > this.#maxMessageBytes) this.#overflow = 'message';
    if (this.#overflow === null) this.#chunks.push(piece);
    else if (this.#chunks.length > 0) this.#chunks = [];
  }

  #scanHeader(piece: Buffer, offset: number): void {
    for (let index = 0; index < piece.length; index += 1) {
      const byte = piece[index];
      if (byte === HEADER_END[this.#matched]) this.#matched += 1;
      else this.#matched = byte === CR ? 1 : 0;
      if (this.#matched === HEADER_END.length) {
        this.#headerEnded = true;
        // the empty line starts one octet before this LF
        const headerBytes = offset + index - 1;
        if (headerBytes > this.#maxHeaderBytes) this.#overflow = 'header';
        return;
      }
    }
    // a trailing "\r\n\r" may be the empty line starting: its CR is not header yet
    const headerAtLeast = this.#bytes - (this.#matched === 3 ? 1 : 0);
    if (headerAtLeast > this.#maxHeaderBytes) this.#overflow = 'header';
  }
}
