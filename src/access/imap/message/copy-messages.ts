import { ErrorCodes, isPosthouseError } from '../../../errors/index.js';
import type { CopyResult } from '../../../interfaces/store.js';
import { mailboxArgument } from '../commands/arguments.js';
import { ImapError } from '../imap-error.js';
import { parseSequenceSet } from '../sequence-set.js';
import type { CommandContext, ImapCommand } from '../types.js';
import { formatUidSet } from '../wire/response-format.js';
import { selectedView } from './selected-messages.js';

/**
 * Runs COPY or MOVE (RFC 9051 §6.4.7, RFC 6851) through the store and returns the UIDPLUS
 * `COPYUID uidvalidity source destination` response code (RFC 4315 §3), or null when nothing
 * was copied.
 *
 * @throws {ImapError} `NO [TRYCREATE]` when the destination does not exist; `BAD` for bad arguments.
 */
export async function copyOrMove(context: CommandContext, command: ImapCommand, mode: 'copy' | 'move'): Promise<string | null> {
  const view = selectedView(context);
  if (command.args.length !== 2) throw new ImapError('BAD', `${command.name} needs a sequence set and a mailbox`);
  const ranges = parseSequenceSet(command.args[0]!, view, command.uid);
  const destination = mailboxArgument(context, command.args[1]);
  if (mode === 'move' && view.readOnly) throw new ImapError('NO', 'The mailbox is read-only', 'READ-ONLY');
  if (ranges.length === 0) return null;
  let result: CopyResult;
  try {
    const query = { uids: ranges };
    result = mode === 'copy'
      ? await context.store.copyMessages(view.account, view.name, query, destination)
      : await context.store.moveMessages(view.account, view.name, query, destination);
  } catch (error) {
    if (isPosthouseError(error) && error.code === ErrorCodes.MAILBOX_NOT_FOUND) throw new ImapError('NO', 'No such mailbox', 'TRYCREATE');
    throw error;
  }
  if (result.mapping.length === 0) return null;
  const sources = formatUidSet(result.mapping.map((entry) => entry.sourceUid));
  const destinations = formatUidSet(result.mapping.map((entry) => entry.destinationUid));
  return `COPYUID ${result.uidValidity} ${sources} ${destinations}`;
}
