/**
 * Reply formatting of ManageSieve (RFC 5804 §4): quoted strings where they are safe, literals
 * `{n}` where they are not, and the OK/NO/BYE lines with an optional response code.
 */

/** A string as the protocol carries it: quoted (with `\\` escapes) when short and on one line, else a literal. */
export function sieveString(value: string): string {
  if (value.length <= 1024 && !/[\r\n\u0000]/.test(value)) return `"${value.replace(/["\\]/g, '\\$&')}"`;
  return `{${Buffer.byteLength(value, 'utf8')}}\r\n${value}`;
}

/** `OK`, `NO` or `BYE` with an optional response code and text. */
export function statusLine(status: 'OK' | 'NO' | 'BYE', text: string, code?: string): string {
  return `${status}${code === undefined ? '' : ` (${code})`} ${sieveString(text)}\r\n`;
}
