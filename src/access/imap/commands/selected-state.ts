import { ImapError } from '../imap-error.js';
import { parseSequenceSet } from '../sequence-set.js';
import type { CommandContext, CommandHandler } from '../types.js';
import { expectArguments } from './arguments.js';

/** CLOSE (RFC 9051 §6.4.1): expunges silently when read-write, then leaves the selected state. */
export const closeCommand: CommandHandler = {
  name: 'CLOSE',
  states: ['selected'],
  async handle(context, command) {
    expectArguments(command, 0);
    const view = context.selected!;
    if (!view.readOnly) {
      // No EXPUNGE responses: the session stops announcing before the expunge (RFC 9051 §6.4.1).
      context.session.unselect();
      await context.store.expunge(view.account, view.name);
      return { status: 'OK', text: 'CLOSE completed' };
    }
    context.session.unselect();
    return { status: 'OK', text: 'CLOSE completed' };
  },
};

/** UNSELECT (RFC 3691, RFC 9051 §6.4.2): leaves the selected state without expunging. */
export const unselectCommand: CommandHandler = {
  name: 'UNSELECT',
  states: ['selected'],
  async handle(context, command) {
    expectArguments(command, 0);
    context.session.unselect();
    return { status: 'OK', text: 'UNSELECT completed' };
  },
};

/**
 * EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1): the removed messages are announced
 * through the change feed, as EXPUNGE or VANISHED, before the tagged OK.
 */
export const expungeCommand: CommandHandler = {
  name: 'EXPUNGE',
  states: ['selected'],
  async handle(context, command) {
    const view = context.selected!;
    if (view.readOnly) throw new ImapError('NO', 'Mailbox is read-only', 'READ-ONLY');
    const query = uidExpungeQuery(context, command);
    await context.store.expunge(view.account, view.name, query);
    await context.flushUpdates({ expunges: true });
    return { status: 'OK', text: 'EXPUNGE completed' };
  },
};

function uidExpungeQuery(context: CommandContext, command: Parameters<CommandHandler['handle']>[1]): { uids: ReturnType<typeof parseSequenceSet> } | undefined {
  if (!command.uid) {
    expectArguments(command, 0);
    return undefined;
  }
  const [set] = expectArguments(command, 1);
  return { uids: parseSequenceSet(set!, context.selected!, true) };
}
