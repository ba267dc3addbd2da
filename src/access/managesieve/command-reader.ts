/** Bounds of the command reader. */
export interface ReaderLimits {
  /** Longest command line, literals excluded (default 8 KiB). */
  maxLineBytes: number;
  /** Largest literal (default: the script size limit plus a little). */
  maxLiteralBytes: number;
}

/** One parsed command: its name upper-cased and its arguments (strings, literals and numbers as text). */
export interface SieveCommand {
  name: string;
  /** The first token as sent (a SASL response line is a bare string, case matters). */
  verbatim: string;
  args: string[];
}

/** What the reader gives for each complete command: a command, or a syntax error to answer with NO. */
export type ReadResult = { kind: 'command'; command: SieveCommand } | { kind: 'error'; message: string; code?: string };

const CR = 0x0d;
const LF = 0x0a;
const LITERAL_AT_END = /\{(\d{1,10})(\+?)\}$/;

/**
 * Reads ManageSieve commands from a byte stream (RFC 5804 §4): atoms, quoted strings, and
 * literals `{n+}` (and `{n}`, which clients send too; no continuation is needed in ManageSieve).
 * Memory is bounded: a line past `maxLineBytes` or a literal past `maxLiteralBytes` is an error,
 * and the literal's octets are skipped as they arrive, never buffered.
 */
export class CommandReader {
  readonly #limits: ReaderLimits;
  #buffer: Buffer = Buffer.alloc(0);
  /** The command assembled so far: text of the line parts, literal contents held apart. */
  #parts: Array<{ text: string } | { literal: string }> = [];
  /** The octets of the literal being read, decoded only once whole: a read may end inside a UTF-8 character. */
  #literalPieces: Buffer[] = [];
  #literalRemaining = 0;
  #skipping = false;
  #lineBytes = 0;

  constructor(limits: ReaderLimits) {
    this.#limits = limits;
  }

  /** Feeds bytes; returns every command completed by them. */
  push(chunk: Buffer): ReadResult[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const results: ReadResult[] = [];
    for (;;) {
      if (this.#literalRemaining > 0) {
        const take = Math.min(this.#literalRemaining, this.#buffer.length);
        if (take === 0) break;
        if (!this.#skipping) this.#literalPieces.push(this.#buffer.subarray(0, take));
        this.#buffer = this.#buffer.subarray(take);
        this.#literalRemaining -= take;
        if (this.#literalRemaining > 0) break;
        this.#parts.push({ literal: Buffer.concat(this.#literalPieces).toString('utf8') });
        this.#literalPieces = [];
        continue;
      }
      const lineEnd = this.#buffer.indexOf(LF);
      if (lineEnd < 0) {
        // A line without end past the bound is dropped as it comes; the error is answered at its end.
        if (this.#lineBytes + this.#buffer.length > this.#limits.maxLineBytes) {
          this.#lineBytes += this.#buffer.length;
          this.#skipping = true;
          this.#buffer = Buffer.alloc(0);
        }
        break;
      }
      const line = this.#buffer.subarray(0, lineEnd > 0 && this.#buffer[lineEnd - 1] === CR ? lineEnd - 1 : lineEnd).toString('utf8');
      this.#buffer = this.#buffer.subarray(lineEnd + 1);
      this.#lineBytes += line.length;
      const result = this.#line(line);
      if (result !== null) results.push(result);
    }
    return results;
  }

  #line(line: string): ReadResult | null {
    const literal = LITERAL_AT_END.exec(line);
    if (literal !== null) {
      const size = Number(literal[1]);
      this.#parts.push({ text: line.slice(0, literal.index) });
      this.#literalRemaining = size;
      if (size > this.#limits.maxLiteralBytes || this.#lineBytes > this.#limits.maxLineBytes) this.#skipping = true;
      if (size === 0) this.#parts.push({ literal: '' });
      return null;
    }
    this.#parts.push({ text: line });
    const skipped = this.#skipping || this.#lineBytes > this.#limits.maxLineBytes;
    const parts = this.#parts;
    this.#reset();
    if (skipped) return { kind: 'error', message: `Command or literal too large (literals up to ${this.#limits.maxLiteralBytes} octets)`, code: 'QUOTA/MAXSIZE' };
    return parseCommand(parts);
  }

  #reset(): void {
    this.#parts = [];
    this.#skipping = false;
    this.#lineBytes = 0;
  }
}

/** Tokenises the parts of one command: atoms, quoted strings with `\\` and `\"`, literals. */
function parseCommand(parts: ReadonlyArray<{ text: string } | { literal: string }>): ReadResult {
  const tokens: string[] = [];
  for (const part of parts) {
    if ('literal' in part) {
      tokens.push(part.literal);
      continue;
    }
    const text = part.text;
    let position = 0;
    while (position < text.length) {
      const char = text[position]!;
      if (char === ' ') {
        position++;
      } else if (char === '"') {
        let value = '';
        position++;
        while (position < text.length && text[position] !== '"') {
          if (text[position] === '\\') position++;
          value += text[position] ?? '';
          position++;
        }
        if (position >= text.length) return { kind: 'error', message: 'Unterminated quoted string' };
        position++;
        tokens.push(value);
      } else {
        const end = text.indexOf(' ', position);
        tokens.push(text.slice(position, end < 0 ? text.length : end));
        position = end < 0 ? text.length : end;
      }
    }
  }
  const [name, ...args] = tokens;
  if (name === undefined || name === '') return { kind: 'error', message: 'Empty command' };
  return { kind: 'command', command: { name: name.toUpperCase(), verbatim: name, args } };
}
