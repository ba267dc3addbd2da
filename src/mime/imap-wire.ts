/**
 * How IMAP writes strings on the wire (RFC 9051 §4.3): a quoted string when the text allows it, a
 * literal otherwise. Shared by ENVELOPE, BODYSTRUCTURE and the FETCH responses, which are
 * pre-rendered once and sent as they are.
 */

/**
 * What goes in a literal rather than a quoted string: control characters and 8-bit text (RFC 9051
 * §4.3), and also `"` and `\`, which Dovecot never escapes; writing the same strings the same way
 * keeps our answers comparable with its answers byte for byte.
 */
const NOT_QUOTABLE = /["\\\x00-\x1f\x7f\u0080-\uffff]/;

/**
 * A string as an IMAP `string`: quoted when it can be, else (control characters, non-ASCII, `"`,
 * `\`, or `literal` asked for) a synchronising literal `{n}\r\n…` counted in UTF-8 octets.
 *
 * @example
 * imapString('plain');   // '"plain"'
 * imapString('café');    // '{5}\r\ncafé'
 */
export function imapString(text: string, literal = false): string {
  if (literal || NOT_QUOTABLE.test(text)) return `{${Buffer.byteLength(text, 'utf8')}}\r\n${text}`;
  return `"${text}"`;
}

/**
 * An IMAP `nstring`: `NIL` for null or undefined, else {@link imapString}.
 *
 * @example
 * imapNString(null); // 'NIL'
 */
export function imapNString(text: string | null | undefined): string {
  return text === null || text === undefined ? 'NIL' : imapString(text);
}
