/**
 * Formatting of response data (RFC 9051 §4): strings as quoted strings or literals, flag lists and
 * UID sets. Every text that came from a client or the store passes through here before the wire.
 */

/**
 * A string as a quoted string, or as a literal when it holds bytes a quoted string cannot carry
 * (CR, LF, NUL) or is long. Returns the parts for `untagged()`: a literal is `{n}\r\n` then bytes.
 *
 * @example
 * formatString('a"b') // '"a\\"b"'
 */
export function formatString(value: string | Buffer): string {
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  if (/[\r\n\0]/.test(text) || text.length > 1000) {
    return `{${Buffer.byteLength(text)}}\r\n${text}`;
  }
  return `"${text.replace(/[\\"]/g, (special) => `\\${special}`)}"`;
}

/** A string, or NIL for null (RFC 9051 §4.5). */
export function formatNString(value: string | null): string {
  return value === null ? 'NIL' : formatString(value);
}

/** An astring: the atom as it is when it is a plain atom, else a quoted string or literal. */
export function formatAString(value: string): string {
  return /^[!#$&'+-[^-z|}~]+$/.test(value) && value.toUpperCase() !== 'NIL' ? value : formatString(value);
}

/** A parenthesised flag list: `(\Seen $Label)`. */
export function formatFlags(flags: readonly string[]): string {
  return `(${flags.join(' ')})`;
}

/**
 * UIDs as a compact sequence set, ascending and merged into ranges: `1:3,7,9:10` (RFC 9051 §9
 * sequence-set), as COPYUID, APPENDUID and VANISHED carry them.
 */
export function formatUidSet(uids: Iterable<number>): string {
  const sorted = [...new Set(uids)].sort((left, right) => left - right);
  const ranges: string[] = [];
  let index = 0;
  while (index < sorted.length) {
    const start = sorted[index]!;
    let end = start;
    while (sorted[index + 1] === end + 1) end = sorted[++index]!;
    ranges.push(start === end ? String(start) : `${start}:${end}`);
    index++;
  }
  return ranges.join(',');
}
