import type { MailboxStatus } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import type { CommandContext, ImapToken } from '../types.js';

/** STATUS data items (RFC 9051 §6.3.11, RFC 3501 RECENT, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE, RFC 9208 §4.4 DELETED-STORAGE). */
const ITEMS = new Set(['MESSAGES', 'UIDNEXT', 'UIDVALIDITY', 'UNSEEN', 'DELETED', 'DELETED-STORAGE', 'SIZE', 'HIGHESTMODSEQ', 'RECENT', 'APPENDLIMIT']);

/**
 * The item names of a STATUS list, upper case, in the client's order.
 *
 * @throws {ImapError} `BAD` for anything but a non-empty list of known items.
 */
export function parseStatusItems(token: ImapToken | undefined): string[] {
  if (token?.type !== 'list' || token.items.length === 0) throw new ImapError('BAD', 'STATUS items must be a non-empty list');
  return token.items.map((item) => {
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (!ITEMS.has(name)) throw new ImapError('BAD', 'Unknown STATUS item');
    return name;
  });
}

/** The `(MESSAGES 3 UIDNEXT 4 …)` part of a STATUS response. */
export async function statusValues(context: CommandContext, status: MailboxStatus, items: readonly string[]): Promise<string> {
  const wantsDeleted = items.includes('DELETED') || items.includes('DELETED-STORAGE');
  const deleted = wantsDeleted ? (await context.store.listMessages(status.account, status.name)).filter((message) => message.flags.includes('\\Deleted')) : [];
  const values: Record<string, number | string> = {
    MESSAGES: status.messages,
    UIDNEXT: status.uidNext,
    UIDVALIDITY: status.uidValidity,
    UNSEEN: status.unseen,
    DELETED: deleted.length,
    // In units of 1024 octets, as QUOTA's STORAGE (RFC 9208 §4.4).
    'DELETED-STORAGE': Math.ceil(deleted.reduce((total, message) => total + message.size, 0) / 1024),
    SIZE: status.size,
    HIGHESTMODSEQ: status.highestModseq,
    RECENT: 0,
    APPENDLIMIT: 'NIL',
  };
  return `(${items.map((item) => `${item} ${values[item]}`).join(' ')})`;
}
