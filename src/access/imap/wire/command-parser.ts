import type { ImapLimits } from '../limits.js';
import type { ImapCommand, ImapToken } from '../types.js';
import type { RawCommand } from './command-reader.js';

/** A command line that breaks the grammar of RFC 9051 §9; `tag` is `*` when none could be read. */
export class CommandSyntaxError extends Error {
  readonly tag: string;
  constructor(tag: string, text: string) {
    super(text);
    this.name = 'CommandSyntaxError';
    this.tag = tag;
  }
}

const SP = 0x20;
const OPEN = 0x28;
const CLOSE = 0x29;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_ANGLE = 0x3c;

/** Bytes that end an atom (RFC 9051 §9 atom-specials, less `%` `*` `]` `\` which atoms here may hold). */
function endsAtom(byte: number, inSection: boolean): boolean {
  return (inSection && byte === CLOSE_BRACKET) || byte <= SP || byte === 0x7f || byte === OPEN || byte === CLOSE || byte === 0x7b || byte === QUOTE || byte === OPEN_BRACKET;
}

/**
 * Turns a {@link RawCommand} into an {@link ImapCommand}: tag, command name (and `UID`), then
 * the arguments as tokens. Literals are taken where their line announced them.
 *
 * @throws {CommandSyntaxError} with the tag (when readable) and a precise text for the `BAD` reply.
 */
export function parseCommand(raw: RawCommand, limits: Pick<ImapLimits, 'maxNesting' | 'maxTokens'>): ImapCommand {
  const cursor = new Cursor(raw, limits);
  const tag = cursor.tag();
  try {
    cursor.expectSpace('after the tag');
    let name = cursor.commandName();
    let uid = false;
    if (name === 'UID') {
      cursor.expectSpace('after UID');
      uid = true;
      name = cursor.commandName();
    }
    const args: ImapToken[] = [];
    while (!cursor.atEnd()) {
      cursor.expectSpace('between arguments');
      args.push(cursor.token(0));
    }
    return { tag, name, uid, args };
  } catch (error) {
    if (error instanceof CommandSyntaxError) throw new CommandSyntaxError(tag, error.message);
    throw error;
  }
}

class Cursor {
  readonly #raw: RawCommand;
  readonly #limits: Pick<ImapLimits, 'maxNesting' | 'maxTokens'>;
  #lineIndex = 0;
  #position = 0;
  #tokens = 0;

  constructor(raw: RawCommand, limits: Pick<ImapLimits, 'maxNesting' | 'maxTokens'>) {
    this.#raw = raw;
    this.#limits = limits;
  }

  get #line(): Buffer {
    return this.#raw.lines[this.#lineIndex]!;
  }

  #peek(): number | undefined {
    return this.#line[this.#position];
  }

  atEnd(): boolean {
    return this.#lineIndex === this.#raw.lines.length - 1 && this.#position >= this.#line.length;
  }

  tag(): string {
    const start = this.#position;
    while (this.#position < this.#line.length && isTagByte(this.#line[this.#position]!)) this.#position++;
    if (this.#position === start) throw new CommandSyntaxError('*', 'Missing or invalid tag');
    return this.#line.toString('latin1', start, this.#position);
  }

  expectSpace(where: string): void {
    if (this.#peek() !== SP) throw new CommandSyntaxError('*', this.atEnd() ? `Missing argument ${where}` : `Expected a space ${where}`);
    this.#position++;
  }

  commandName(): string {
    const start = this.#position;
    while (this.#position < this.#line.length && isNameByte(this.#line[this.#position]!)) this.#position++;
    if (this.#position === start) throw new CommandSyntaxError('*', 'Missing or invalid command name');
    const next = this.#peek();
    if (next !== undefined && next !== SP) throw new CommandSyntaxError('*', 'Invalid command name');
    return this.#line.toString('latin1', start, this.#position).toUpperCase();
  }

  token(depth: number, inSection = false): ImapToken {
    if (++this.#tokens > this.#limits.maxTokens) throw new CommandSyntaxError('*', `Too many arguments (over ${this.#limits.maxTokens})`);
    const byte = this.#peek();
    if (byte === undefined) throw new CommandSyntaxError('*', 'Missing argument');
    if (byte === OPEN) return this.#list(depth + 1, CLOSE, inSection);
    if (byte === QUOTE) return this.#quoted();
    if (byte === 0x7b || (byte === 0x7e && this.#line[this.#position + 1] === 0x7b)) return this.#literal();
    if (byte === CLOSE || byte === SP) throw new CommandSyntaxError('*', `Unexpected '${String.fromCharCode(byte)}'`);
    return this.#atom(depth, inSection);
  }

  #list(depth: number, closer: number, inSection: boolean): ImapToken & { type: 'list' } {
    if (depth > this.#limits.maxNesting) throw new CommandSyntaxError('*', `Lists nested deeper than ${this.#limits.maxNesting}`);
    this.#position++;
    const items: ImapToken[] = [];
    for (;;) {
      const byte = this.#peek();
      if (byte === closer) {
        this.#position++;
        return { type: 'list', items };
      }
      if (byte === undefined) throw new CommandSyntaxError('*', closer === CLOSE ? "Missing ')'" : "Missing ']'");
      if (items.length > 0) this.expectSpace('between list items');
      items.push(this.token(depth, inSection));
    }
  }

  #quoted(): ImapToken {
    this.#position++;
    const bytes: number[] = [];
    for (;;) {
      const byte = this.#peek();
      if (byte === undefined) throw new CommandSyntaxError('*', 'Unterminated quoted string');
      this.#position++;
      if (byte === QUOTE) return { type: 'string', value: Buffer.from(bytes), literal: false };
      if (byte === BACKSLASH) {
        const escaped = this.#peek();
        if (escaped !== QUOTE && escaped !== BACKSLASH) throw new CommandSyntaxError('*', 'Invalid escape in quoted string');
        this.#position++;
        bytes.push(escaped);
      } else if (byte === 0x00 || byte === 0x0d || byte === 0x0a) {
        throw new CommandSyntaxError('*', 'Invalid character in quoted string');
      } else bytes.push(byte);
    }
  }

  #literal(): ImapToken {
    const text = this.#line.toString('latin1', this.#position);
    const match = /^(~?)\{(\d+)[+-]?\}$/.exec(text);
    // A literal is always followed by the rest of its command on a line of its own (maybe empty).
    if (match === null || this.#lineIndex >= this.#raw.literals.length || this.#lineIndex + 1 >= this.#raw.lines.length) {
      throw new CommandSyntaxError('*', 'Invalid literal');
    }
    const value = this.#raw.literals[this.#lineIndex]!;
    this.#lineIndex++;
    this.#position = 0;
    return match[1] === '~' ? { type: 'string', value, literal: true, literal8: true } : { type: 'string', value, literal: true };
  }

  #atom(depth: number, inSection: boolean): ImapToken {
    const start = this.#position;
    while (this.#position < this.#line.length && !endsAtom(this.#line[this.#position]!, inSection)) this.#position++;
    const value = this.#line.toString('utf8', start, this.#position);
    if (this.#peek() === OPEN_BRACKET) {
      if (value === '') throw new CommandSyntaxError('*', "Unexpected '['");
      const section = this.#list(depth + 1, CLOSE_BRACKET, true).items;
      const partial = this.#peek() === OPEN_ANGLE ? this.#partial() : undefined;
      return partial === undefined ? { type: 'atom', value, section } : { type: 'atom', value, section, partial };
    }
    if (value === '') throw new CommandSyntaxError('*', `Unexpected '${String.fromCharCode(this.#peek() ?? 0x3f)}'`);
    if (/^\d+$/.test(value) && value.length <= 15) return { type: 'number', value: Number(value) };
    if (value.toUpperCase() === 'NIL') return { type: 'nil' };
    return { type: 'atom', value };
  }

  #partial(): { offset: number; length: number | null } {
    const text = this.#line.toString('latin1', this.#position, this.#position + 40);
    const match = /^<(\d{1,15})(?:\.(\d{1,15}))?>/.exec(text);
    if (match === null) throw new CommandSyntaxError('*', 'Invalid partial range');
    this.#position += match[0].length;
    return { offset: Number(match[1]), length: match[2] === undefined ? null : Number(match[2]) };
  }
}

function isTagByte(byte: number): boolean {
  return byte > SP && byte < 0x7f && byte !== OPEN && byte !== CLOSE && byte !== 0x7b && byte !== 0x25 && byte !== 0x2a && byte !== QUOTE && byte !== BACKSLASH && byte !== CLOSE_BRACKET && byte !== 0x2b;
}

function isNameByte(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x2d || byte === 0x5f;
}
