import type { SourcePosition } from '../../interfaces/rules.js';
import { SieveSyntaxError } from './syntax-error.js';

/** One token of a Sieve script (RFC 5228 §8.1). */
export type Token =
  | { kind: 'identifier'; text: string; position: SourcePosition }
  | { kind: 'tag'; text: string; position: SourcePosition }
  | { kind: 'number'; value: number; position: SourcePosition }
  | { kind: 'string'; value: string; position: SourcePosition }
  | { kind: 'punct'; text: '[' | ']' | '(' | ')' | '{' | '}' | ',' | ';'; position: SourcePosition }
  | { kind: 'end'; position: SourcePosition };

const QUANTIFIERS: Record<string, number> = { K: 1024, M: 1024 ** 2, G: 1024 ** 3 };
/** RFC 5228 §8.1: numbers fit an unsigned 32-bit integer (after the quantifier). */
const MAX_NUMBER = 2 ** 32 - 1;

/**
 * Splits a script into tokens with 1-based line:column positions. Comments are dropped;
 * quoted strings are unescaped (RFC 5228 §2.4.2: `\"` and `\\`, any other `\x` is `x`);
 * `text:` multi-line strings are un-dot-stuffed (§2.4.2).
 *
 * @throws SieveSyntaxError with the position of the fault.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  const here = (): SourcePosition => ({ line, column: offset - lineStart + 1 });
  const advanceOver = (end: number): void => {
    for (let index = offset; index < end; index++) {
      if (source.charCodeAt(index) === 10) {
        line++;
        lineStart = index + 1;
      }
    }
    offset = end;
  };

  while (offset < source.length) {
    const char = source[offset]!;
    const position = here();
    if (char === ' ' || char === '\t' || char === '\r' || char === '\n') {
      advanceOver(offset + 1);
    } else if (char === '#') {
      const end = source.indexOf('\n', offset);
      advanceOver(end < 0 ? source.length : end);
    } else if (source.startsWith('/*', offset)) {
      const end = source.indexOf('*/', offset + 2);
      if (end < 0) throw new SieveSyntaxError('unterminated comment', position);
      advanceOver(end + 2);
    } else if ('[](){},;'.includes(char)) {
      tokens.push({ kind: 'punct', text: char as '[', position });
      advanceOver(offset + 1);
    } else if (char === '"') {
      const { value, end } = readQuoted(source, offset, position);
      tokens.push({ kind: 'string', value, position });
      advanceOver(end);
    } else if (/[0-9]/.test(char)) {
      const match = /^[0-9]+([KMG])?/i.exec(source.slice(offset, offset + 32))!;
      const value = Number(match[0].replace(/[KMG]$/i, '')) * (match[1] ? QUANTIFIERS[match[1].toUpperCase()]! : 1);
      if (!Number.isSafeInteger(value) || value > MAX_NUMBER) throw new SieveSyntaxError('number is too large', position);
      tokens.push({ kind: 'number', value, position });
      advanceOver(offset + match[0].length);
    } else if (char === ':' || /[A-Za-z_]/.test(char)) {
      const match = /^:?[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(offset, offset + 1024));
      if (match === null) throw new SieveSyntaxError(`unexpected character '${char}'`, position);
      const word = match[0];
      if (word.toLowerCase() === 'text' && source[offset + 4] === ':') {
        const { value, end } = readMultiline(source, offset + 5, position);
        tokens.push({ kind: 'string', value, position });
        advanceOver(end);
      } else {
        tokens.push(word.startsWith(':') ? { kind: 'tag', text: word.toLowerCase(), position } : { kind: 'identifier', text: word.toLowerCase(), position });
        advanceOver(offset + word.length);
      }
    } else {
      throw new SieveSyntaxError(`unexpected character '${char}'`, position);
    }
  }
  tokens.push({ kind: 'end', position: here() });
  return tokens;
}

function readQuoted(source: string, start: number, position: SourcePosition): { value: string; end: number } {
  const parts: string[] = [];
  let index = start + 1;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '"') return { value: parts.join(''), end: index + 1 };
    if (char === '\\' && index + 1 < source.length) {
      parts.push(source[index + 1]!);
      index += 2;
    } else {
      parts.push(char);
      index++;
    }
  }
  throw new SieveSyntaxError('unterminated string', position);
}

function readMultiline(source: string, start: number, position: SourcePosition): { value: string; end: number } {
  // RFC 5228 §8.1: `text:` then optional white space or a comment, then CRLF.
  const firstBreak = source.indexOf('\n', start);
  if (firstBreak < 0 || !/^[ \t]*(#.*)?\r?$/.test(source.slice(start, firstBreak))) {
    throw new SieveSyntaxError('expected a line break after text:', position);
  }
  const lines: string[] = [];
  let lineStart = firstBreak + 1;
  while (lineStart <= source.length) {
    const lineEnd = source.indexOf('\n', lineStart);
    const raw = source.slice(lineStart, lineEnd < 0 ? source.length : lineEnd).replace(/\r$/, '');
    if (raw === '.') return { value: lines.map((text) => `${text}\r\n`).join(''), end: lineEnd < 0 ? source.length : lineEnd + 1 };
    lines.push(raw.startsWith('..') ? raw.slice(1) : raw);
    if (lineEnd < 0) break;
    lineStart = lineEnd + 1;
  }
  throw new SieveSyntaxError('unterminated multi-line string (a line with a single "." ends it)', position);
}
