import type { StoredMessage, UidRange } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import type { CommandContext, SelectedMailboxView } from '../types.js';

/**
 * The selected view of a command that needs one.
 *
 * @throws {ImapError} `BAD` when no mailbox is selected (the session's state check normally catches it first).
 */
export function selectedView(context: CommandContext): SelectedMailboxView {
  if (context.selected === null) throw new ImapError('BAD', 'No mailbox selected');
  return context.selected;
}

/** One message of the view with its sequence number. */
export interface SequencedMessage {
  sequence: number;
  message: StoredMessage;
}

/**
 * The messages of the view within `ranges`, ascending, each with its sequence number. Messages the
 * store holds but the view does not yet know (arrived since the last EXISTS) are left out, as
 * RFC 9051 §7.5.1 requires.
 */
export async function messagesInView(
  context: CommandContext,
  view: SelectedMailboxView,
  ranges: UidRange[] | undefined,
  changedSince?: number,
): Promise<SequencedMessage[]> {
  if (ranges !== undefined && ranges.length === 0) return [];
  const stored = await context.store.listMessages(view.account, view.name, { uids: ranges, changedSince });
  const messages: SequencedMessage[] = [];
  for (const message of stored) {
    const sequence = view.sequenceNumber(message.uid);
    if (sequence !== null) messages.push({ sequence, message });
  }
  return messages;
}
