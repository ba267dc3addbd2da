/** RFC 5322 §3.2.3 atext and dots; `=` is left out, so no encoded word can hide in it. */
const ADDRESS = "[A-Za-z0-9!#$%&'*+/?^_`{|}~.-]+@[A-Za-z0-9.-]+";

/**
 * The forms nearly every address header has: `"Name" <a@b>`, `Name <a@b>`, `<a@b>` and `a@b`,
 * with no comment, group, route, encoded word, escape or second address, and no angle bracket
 * inside a quoted name.
 */
const SIMPLE_MAILBOX = new RegExp(String.raw`^[ \t]*(?:(?:"([^"\\<>\r\n=]*)"|([^"\\<>()[\],;:@=\r\n]*))[ \t]*<(${ADDRESS})>|(${ADDRESS}))[ \t]*$`);

/** A value in one of the simple forms: the display name as written (quotes removed), and the address. */
export interface SimpleMailbox {
  /** The name's text between the quotes, or before `<`; null for a bare `a@b`. Not trimmed. */
  display: string | null;
  address: string;
}

/**
 * Matches an address header value against the simple forms that both address parsers read
 * without their general machinery (mailparser's for summaries, posthouse's own for ENVELOPE);
 * null for anything else, which they parse in full.
 *
 * @example
 * matchSimpleMailbox('"Ann" <ann@example.com>'); // { display: 'Ann', address: 'ann@example.com' }
 */
export function matchSimpleMailbox(value: string): SimpleMailbox | null {
  const match = SIMPLE_MAILBOX.exec(value);
  if (match === null) return null;
  return { display: match[1] ?? match[2] ?? null, address: match[3] ?? match[4]! };
}
