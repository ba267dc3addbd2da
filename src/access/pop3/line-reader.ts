/** What the reader makes of the bytes it got: a command line, or a line that outgrew the bound. */
export type ReadLine = { kind: 'line'; text: string } | { kind: 'too-long' };

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits a POP3 byte stream into command lines (RFC 1939 §3: lines end with CRLF; a bare LF is
 * taken as an end of line too). A line longer than `maxLineLength` octets is never kept: its
 * bytes are dropped as they come, and once its end arrives it is reported as `too-long`, so a
 * client gets exactly one reply per line it sent and memory stays bounded whatever it sends.
 * Lines are decoded as UTF-8 (user names and passwords may hold non-ASCII).
 */
export class LineReader {
  readonly #maxLineLength: number;
  #parts: Buffer[] = [];
  #length = 0;
  #discarding = false;

  constructor(maxLineLength: number) {
    this.#maxLineLength = maxLineLength;
  }

  /** Octets held for the line not yet ended (never more than the bound plus one chunk's tail). */
  get buffered(): number {
    return this.#length;
  }

  /** Feeds one chunk; returns the lines it completed, in order. */
  push(chunk: Buffer): ReadLine[] {
    const lines: ReadLine[] = [];
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(LF, start);
      if (end === -1) {
        this.#keep(chunk.subarray(start));
        return lines;
      }
      this.#keep(chunk.subarray(start, end));
      lines.push(this.#finishLine());
      start = end + 1;
    }
  }

  /** Forgets any partial line (after STLS, RFC 2595 §4: nothing sent before TLS may be used after). */
  reset(): void {
    this.#parts = [];
    this.#length = 0;
    this.#discarding = false;
  }

  #keep(bytes: Buffer): void {
    if (this.#discarding || bytes.length === 0) return;
    // One CR beyond the bound is allowed: it may be the CR of the CRLF.
    if (this.#length + bytes.length > this.#maxLineLength + 1) {
      this.#discarding = true;
      this.#parts = [];
      this.#length = 0;
      return;
    }
    this.#parts.push(Buffer.from(bytes));
    this.#length += bytes.length;
  }

  #finishLine(): ReadLine {
    if (this.#discarding) {
      this.reset();
      return { kind: 'too-long' };
    }
    let line = Buffer.concat(this.#parts, this.#length);
    this.reset();
    if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, -1);
    if (line.length > this.#maxLineLength) return { kind: 'too-long' };
    return { kind: 'line', text: line.toString('utf8') };
  }
}
