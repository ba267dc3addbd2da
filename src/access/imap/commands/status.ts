import type { CommandHandler } from '../types.js';
import { existingMailbox, expectArguments, formatMailboxName, mailboxArgument } from './arguments.js';
import { parseStatusItems, statusValues } from './status-items.js';

/** STATUS (RFC 9051 §6.3.11). */
export const statusCommand: CommandHandler = {
  name: 'STATUS',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    const [nameToken, itemsToken] = expectArguments(command, 2);
    const name = mailboxArgument(context, nameToken);
    const items = parseStatusItems(itemsToken);
    const status = await existingMailbox(context, name);
    context.untagged(`STATUS ${formatMailboxName(context, status.name)} ${await statusValues(context, status, items)}`);
    return { status: 'OK', text: 'STATUS completed' };
  },
};
