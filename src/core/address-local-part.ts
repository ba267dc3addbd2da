import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.ADDRESS_INVALID, message);
}

/** RFC 5321 §4.1.2 `atext` (RFC 5322 §3.2.3), widened by RFC 6531 §3.3 to any non-ASCII character. */
const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\u0080-\u{10FFFF}]+$/u;
/** RFC 5321 `qtextSMTP` and the escaped character of `quoted-pairSMTP`, plus RFC 6531 UTF-8. */
const QUOTABLE = /^[\u0020-\u007e\u0080-\u{10FFFF}]*$/u;
/** Characters no address may carry, even quoted: controls (C0, DEL, C1) and lone surrogates. */
const FORBIDDEN = /[\p{Cc}\p{Cs}]/u;

/** The local part as written, split from the domain. */
export interface SplitAddress {
  /** Unquoted, unescaped local part. */
  localPart: string;
  /** Whether it was written as a quoted string. */
  quoted: boolean;
  /** Everything after the `@`, as written. */
  domain: string;
}

/** Whether `localPart` is a valid dot-atom (and so needs no quotes). */
export function isDotAtom(localPart: string): boolean {
  if (localPart === '' || localPart.startsWith('.') || localPart.endsWith('.') || localPart.includes('..')) return false;
  return localPart.split('.').every((atom) => ATEXT.test(atom));
}

/**
 * Writes a local part as it goes on the wire: as is when it is a dot-atom, else as a quoted string
 * with `"` and `\` escaped (RFC 5321 §4.1.2 `Quoted-string`).
 */
export function quoteLocalPart(localPart: string): string {
  if (isDotAtom(localPart)) return localPart;
  return `"${localPart.replace(/["\\]/g, (character) => `\\${character}`)}"`;
}

/** Reads a quoted local part starting at index 0 (the opening quote); returns it unescaped and where it ends. */
function readQuoted(input: string): { localPart: string; end: number } {
  let localPart = '';
  for (let index = 1; index < input.length; index++) {
    const character = input[index]!;
    if (character === '"') return { localPart, end: index + 1 };
    if (character === '\\') {
      index++;
      if (index >= input.length) break;
      localPart += input[index];
    } else {
      localPart += character;
    }
  }
  throw invalid('Quoted local part is missing its closing quote');
}

/**
 * Splits `local@domain` (angle brackets already removed) into its local part and domain, checking
 * the local part's syntax: a dot-atom or a quoted string (RFC 5321 §4.1.2, RFC 6531 §3.3).
 *
 * @throws PosthouseError `ADDRESS_INVALID`.
 */
export function splitAddress(input: string): SplitAddress {
  if (input.startsWith('"')) {
    const { localPart, end } = readQuoted(input);
    if (input[end] !== '@') throw invalid('Quoted local part must be followed directly by "@"');
    if (localPart === '') throw invalid('Address has an empty local part');
    if (!QUOTABLE.test(localPart) || FORBIDDEN.test(localPart)) {
      throw invalid('Quoted local part contains a control character');
    }
    return { localPart, quoted: true, domain: input.slice(end + 1) };
  }
  const at = input.lastIndexOf('@');
  if (at < 0) throw invalid('Address has no "@"');
  const localPart = input.slice(0, at);
  if (localPart === '') throw invalid('Address has an empty local part');
  if (localPart.includes('@')) throw invalid('Address has more than one "@" (quote the local part to use one in it)');
  if (FORBIDDEN.test(localPart)) throw invalid('Local part contains a control character');
  if (localPart.startsWith('.') || localPart.endsWith('.')) throw invalid('Local part starts or ends with a dot');
  if (localPart.includes('..')) throw invalid('Local part contains consecutive dots');
  if (!isDotAtom(localPart)) throw invalid('Local part contains a character that must be quoted (space, quote, comma, brackets...)');
  return { localPart, quoted: false, domain: input.slice(at + 1) };
}
