import { bufferSource } from '../../../core/message-source.js';
import { isPosthouseError, ErrorCodes } from '../../../errors/index.js';
import { summarize } from '../../../mime/summary.js';
import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';
import { formatUidSet } from '../wire/response-format.js';
import { mailboxArgument } from './arguments.js';
import { parseAppendMessages } from './append-arguments.js';

/**
 * APPEND (RFC 9051 §6.3.12) with MULTIAPPEND (RFC 3502) and APPENDUID (RFC 4315 §3). A missing
 * mailbox gets `NO [TRYCREATE]`. Messages are appended in order; when one fails, the ones before it
 * stay (the store has no multi-message transaction). Each message is summarised as the deliverer
 * does, so ENVELOPE, BODYSTRUCTURE, SORT and THREAD need no parse later.
 */
export const appendCommand: CommandHandler = {
  name: 'APPEND',
  states: ['authenticated', 'selected'],
  capabilities: ['MULTIAPPEND'],
  async handle(context, command) {
    const [nameToken, ...rest] = command.args;
    const name = mailboxArgument(context, nameToken);
    const messages = parseAppendMessages(rest);
    const status = await context.store.mailboxStatus(context.account!, name);
    if (status === null) throw new ImapError('NO', 'Mailbox does not exist', 'TRYCREATE');
    const uids: number[] = [];
    let uidValidity = status.uidValidity;
    for (const message of messages) {
      if (message.content.length === 0) throw new ImapError('BAD', 'Empty message');
      try {
        const summary = await summarize(bufferSource(message.content));
        const options = message.internalDate === undefined ? { summary } : { summary, internalDate: message.internalDate };
        const result = await context.store.append({ account: context.account!, mailbox: status.name, flags: message.flags }, message.content, options);
        uids.push(result.uid);
        uidValidity = result.uidValidity;
      } catch (error) {
        if (isPosthouseError(error, ErrorCodes.QUOTA_EXCEEDED)) throw new ImapError('NO', 'Over quota', 'OVERQUOTA');
        throw error;
      }
    }
    return { status: 'OK', code: `APPENDUID ${uidValidity} ${formatUidSet(uids)}`, text: 'APPEND completed' };
  },
};
