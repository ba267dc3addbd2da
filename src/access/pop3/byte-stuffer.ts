const LF = 0x0a;
const CR = 0x0d;
const DOT = 0x2e;
const DOT_BUFFER = Buffer.from('.');
const CRLF = Buffer.from('\r\n');
const TERMINATOR = Buffer.from('.\r\n');

/**
 * Byte-stuffs a message for a multi-line response (RFC 1939 §3): every line that begins with `.`
 * gets one more `.` in front; every other octet goes out as stored. Chunks may split lines
 * anywhere. With `bodyLines` set it also cuts the message as TOP does (RFC 1939 §7): the header,
 * the blank line after it, then at most that many body lines.
 *
 * @example
 * const stuffer = new ByteStuffer();
 * const out = [...stuffer.push(Buffer.from('.hidden\r\n')), stuffer.end()]; // '..hidden\r\n', '.\r\n'
 */
export class ByteStuffer {
  #atLineStart = true;
  #lineOctets = 0;
  #lineStartsWithCr = false;
  #inHeader = true;
  #bodyLinesLeft: number | null;
  #complete = false;

  constructor(options: { bodyLines?: number } = {}) {
    this.#bodyLinesLeft = options.bodyLines ?? null;
  }

  /** Whether TOP has all it wants: further chunks are ignored, the caller may stop reading. */
  get complete(): boolean {
    return this.#complete;
  }

  /** The stuffed octets of one chunk, as slices of it (no copy of the message body). */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let emitFrom = 0;
    let position = 0;
    while (position < chunk.length && !this.#complete) {
      if (this.#atLineStart && chunk[position] === DOT) {
        out.push(chunk.subarray(emitFrom, position), DOT_BUFFER);
        emitFrom = position;
      }
      if (this.#atLineStart) this.#lineStartsWithCr = chunk[position] === CR;
      const lineEnd = chunk.indexOf(LF, position);
      if (lineEnd === -1) {
        this.#lineOctets += chunk.length - position;
        this.#atLineStart = false;
        position = chunk.length;
        break;
      }
      this.#lineOctets += lineEnd - position;
      this.#endLine();
      position = lineEnd + 1;
    }
    out.push(chunk.subarray(emitFrom, position));
    return out.filter((piece) => piece.length > 0);
  }

  /** The end of the response: a CRLF when the message did not end with one, then `.` CRLF. */
  end(): Buffer {
    return this.#atLineStart ? TERMINATOR : Buffer.concat([CRLF, TERMINATOR]);
  }

  #endLine(): void {
    const empty = this.#lineOctets === 0 || (this.#lineOctets === 1 && this.#lineStartsWithCr);
    this.#atLineStart = true;
    this.#lineOctets = 0;
    if (this.#bodyLinesLeft === null) return;
    if (this.#inHeader) {
      if (!empty) return;
      this.#inHeader = false;
    } else {
      this.#bodyLinesLeft -= 1;
    }
    if (this.#bodyLinesLeft <= 0) this.#complete = true;
  }
}
