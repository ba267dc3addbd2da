import { ImapError } from '../imap-error.js';
import { parseSequenceSet } from '../sequence-set.js';
import type { CommandHandler, ImapToken } from '../types.js';
import { formatFlags, formatUidSet } from '../wire/response-format.js';
import { parseStoreAction } from '../message/flag-arguments.js';
import { selectedView } from '../message/selected-messages.js';

/** `(UNCHANGEDSINCE n)` (RFC 7162 §3.1.3), or undefined when absent. */
function unchangedSinceOf(token: ImapToken | undefined): number | undefined {
  if (token?.type !== 'list') return undefined;
  const [name, value] = token.items;
  if (token.items.length !== 2 || name?.type !== 'atom' || name.value.toUpperCase() !== 'UNCHANGEDSINCE' || value?.type !== 'number') {
    throw new ImapError('BAD', 'Unknown STORE modifier');
  }
  return value.value;
}

/**
 * STORE and UID STORE (RFC 9051 §6.4.6): FLAGS, +FLAGS, -FLAGS, `.SILENT`, and CONDSTORE's
 * UNCHANGEDSINCE with `[MODIFIED …]` for the messages it skipped (RFC 7162 §3.1.3). Each changed
 * message is reported once, with MODSEQ when CONDSTORE is in use.
 */
export const storeCommand: CommandHandler = {
  name: 'STORE',
  states: ['selected'],
  capabilities: ['CONDSTORE'],
  async handle(context, command) {
    const view = selectedView(context);
    if (command.args.length < 3) throw new ImapError('BAD', 'STORE needs a sequence set, an action and flags');
    const ranges = parseSequenceSet(command.args[0]!, view, command.uid);
    const unchangedSince = unchangedSinceOf(command.args[1]);
    const action = parseStoreAction(command.args.slice(unchangedSince === undefined ? 1 : 2));
    if (view.readOnly) throw new ImapError('NO', 'The mailbox is read-only', 'READ-ONLY');
    if (unchangedSince !== undefined) view.condstore = true;
    const result = ranges.length === 0
      ? { updated: [], modified: [] }
      : await context.store.updateFlags(view.account, view.name, { uids: ranges }, { operation: action.operation, flags: action.flags, unchangedSince });
    // The untagged FETCH below (or .SILENT) already tells this session; the feed must not repeat it.
    context.suppressFlagEcho(result.updated);
    for (const update of result.updated) {
      const sequence = view.sequenceNumber(update.uid);
      if (sequence === null) continue;
      const items = [
        ...(command.uid ? [`UID ${update.uid}`] : []),
        ...(action.silent ? [] : [`FLAGS ${formatFlags(update.flags)}`]),
        ...(view.condstore ? [`MODSEQ (${update.modseq})`] : []),
      ];
      // .SILENT still owes CONDSTORE clients the new MODSEQ (RFC 7162 §3.1.3).
      if (!action.silent || view.condstore) context.untagged(`${sequence} FETCH (${items.join(' ')})`);
    }
    const modified = result.modified.map((uid) => (command.uid ? uid : view.sequenceNumber(uid))).filter((value): value is number => value !== null);
    const name = command.uid ? 'UID STORE' : 'STORE';
    if (modified.length > 0) return { status: 'OK', code: `MODIFIED ${formatUidSet(modified)}`, text: `Conditional ${name} failed for some messages` };
    return { status: 'OK', text: `${name} completed` };
  },
};
