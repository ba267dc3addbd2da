import { ImapError } from '../imap-error.js';
import type { ImapToken } from '../types.js';

/** One message of an APPEND (RFC 9051 §6.3.12; several with MULTIAPPEND, RFC 3502). */
export interface AppendMessage {
  flags: string[];
  internalDate: Date | undefined;
  content: Buffer;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_TIME = /^([ \d]?\d)-([A-Za-z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d) ([+-])(\d\d)(\d\d)$/;

/**
 * The messages after the mailbox name: each `[(flags)] ["date-time"] literal`.
 *
 * @throws {ImapError} `BAD` when a group is malformed or there is none.
 */
export function parseAppendMessages(tokens: readonly ImapToken[]): AppendMessage[] {
  const messages: AppendMessage[] = [];
  let index = 0;
  while (index < tokens.length) {
    let token = tokens[index]!;
    let flags: string[] = [];
    let internalDate: Date | undefined;
    if (token.type === 'list') {
      flags = token.items.map((item) => {
        if (item.type !== 'atom' || item.section !== undefined) throw new ImapError('BAD', 'Flags must be atoms');
        if (item.value.toLowerCase() === '\\recent') throw new ImapError('BAD', '\\Recent cannot be set');
        return item.value;
      });
      token = tokens[++index]!;
    }
    if (token?.type === 'string' && !token.literal) {
      internalDate = parseDateTime(token.value.toString('latin1'));
      token = tokens[++index]!;
    }
    if (token?.type !== 'string' || !token.literal) throw new ImapError('BAD', 'APPEND needs the message as a literal');
    messages.push({ flags, internalDate, content: token.value });
    index++;
  }
  if (messages.length === 0) throw new ImapError('BAD', 'APPEND needs a message');
  return messages;
}

/** An IMAP date-time (RFC 9051 §9 `date-time`): `"17-Jul-1996 02:44:25 -0700"`. */
export function parseDateTime(text: string): Date {
  const match = DATE_TIME.exec(text);
  const month = match === null ? -1 : MONTHS.findIndex((name) => name.toLowerCase() === match[2]!.toLowerCase());
  if (match === null || month < 0) throw new ImapError('BAD', 'Invalid date-time');
  const [, day, , year, hours, minutes, seconds, sign, zoneHours, zoneMinutes] = match;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zoneHours) * 60 + Number(zoneMinutes));
  const utc = Date.UTC(Number(year), month, Number(day), Number(hours), Number(minutes), Number(seconds)) - offsetMinutes * 60_000;
  const date = new Date(utc);
  if (Number.isNaN(utc) || Number(day) < 1 || Number(day) > 31 || Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 60) throw new ImapError('BAD', 'Invalid date-time');
  return date;
}
