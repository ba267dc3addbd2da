import { Writable, type WritableOptions } from 'node:stream';

/** Why a collected message cannot be accepted. */
export type CollectorOverflow = 'message' | 'header' | null;

// "\r\n\r\n": the CRLF ending the last header line, then the empty line
const HEADER_END = [0x0d, 0x0a, 0x0d, 0x0a];

/**
 * Keeps the chunks of one message as they arrive, never joining them, within two bounds: the
 * whole message (`maxMessageBytes`) and the header section (`maxHeaderBytes`, the octets before
 * the first empty line, RFC 5322 §2.1). Once a bound is passed it drops what it kept and only
 * counts, so memory stays bounded however much the client goes on sending.
 */
export class MessageCollector extends Writable {
  readonly #maxMessageBytes: number;
  readonly #maxHeaderBytes: number;
  #chunks: Buffer[] = [];
  #bytes = 0;
  #overflow: CollectorOverflow = null;
  #headerEnded = false;
  // how much of HEADER_END was just seen; 2 at the start so that a leading CRLF is the empty line
  #matched = 2;

  constructor(limits: { maxMessageBytes: number; maxHeaderBytes: number }, options?: WritableOptions) {
    super(options);
    this.#maxMessageBytes = limits.maxMessageBytes;
    this.#maxHeaderBytes = limits.maxHeaderBytes;
  }

  /** The message so far, in arrival order; empty once a bound was passed. */
  get chunks(): readonly Buffer[] {
    return this.#chunks;
  }

  /** Octets received, kept or not. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Which bound was passed first, or null. */
  get overflow(): CollectorOverflow {
    return this.#overflow;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    const offset = this.#bytes;
    this.#bytes += chunk.length;
    if (!this.#headerEnded && this.#overflow === null) this.#scanHeader(chunk, offset);
    if (this.#overflow === null && this.#bytes > this.#maxMessageBytes) this.#overflow = 'message';
    if (this.#overflow === null) this.#chunks.push(chunk);
    else this.#chunks = [];
    callback();
  }

  #scanHeader(chunk: Buffer, offset: number): void {
    for (let index = 0; index < chunk.length; index += 1) {
      const byte = chunk[index];
      if (byte === HEADER_END[this.#matched]) this.#matched += 1;
      else this.#matched = byte === 0x0d ? 1 : 0;
      if (this.#matched === HEADER_END.length) {
        this.#headerEnded = true;
        // the empty line starts one octet before this LF
        const headerBytes = offset + index - 1;
        if (headerBytes > this.#maxHeaderBytes && this.#overflow === null) this.#overflow = 'header';
        return;
      }
    }
    // a trailing "\r\n\r" may be the empty line starting: its CR is not header yet
    const headerAtLeast = this.#bytes - (this.#matched === 3 ? 1 : 0);
    if (headerAtLeast > this.#maxHeaderBytes && this.#overflow === null) this.#overflow = 'header';
  }
}
