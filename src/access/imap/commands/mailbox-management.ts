import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';
import { expectArguments, mailboxArgument } from './arguments.js';

const AUTHENTICATED = ['authenticated', 'selected'] as const;

/** CREATE (RFC 9051 §6.3.4); a trailing `/` is dropped, parents are the store's business. */
export const createCommand: CommandHandler = {
  name: 'CREATE',
  states: AUTHENTICATED,
  async handle(context, command) {
    const [nameToken] = expectArguments(command, 1, 2);
    const name = mailboxArgument(context, nameToken);
    if (name === 'INBOX') throw new ImapError('NO', 'INBOX always exists', 'ALREADYEXISTS');
    await context.store.createMailbox(context.account!, name);
    return { status: 'OK', text: 'CREATE completed' };
  },
};

/** DELETE (RFC 9051 §6.3.5); sessions that had it selected see its messages expunged. */
export const deleteCommand: CommandHandler = {
  name: 'DELETE',
  states: AUTHENTICATED,
  async handle(context, command) {
    const [nameToken] = expectArguments(command, 1);
    const name = mailboxArgument(context, nameToken);
    if (name === 'INBOX') throw new ImapError('NO', 'INBOX cannot be deleted', 'CANNOT');
    await context.store.deleteMailbox(context.account!, name);
    return { status: 'OK', text: 'DELETE completed' };
  },
};

/** RENAME (RFC 9051 §6.3.6). */
export const renameCommand: CommandHandler = {
  name: 'RENAME',
  states: AUTHENTICATED,
  async handle(context, command) {
    const [fromToken, toToken] = expectArguments(command, 2);
    const from = mailboxArgument(context, fromToken);
    const to = mailboxArgument(context, toToken);
    await context.store.renameMailbox(context.account!, from, to);
    return { status: 'OK', text: 'RENAME completed' };
  },
};

/** SUBSCRIBE (RFC 9051 §6.3.7). */
export const subscribeCommand: CommandHandler = {
  name: 'SUBSCRIBE',
  states: AUTHENTICATED,
  async handle(context, command) {
    const [nameToken] = expectArguments(command, 1);
    await context.store.setSubscribed(context.account!, mailboxArgument(context, nameToken), true);
    return { status: 'OK', text: 'SUBSCRIBE completed' };
  },
};

/** UNSUBSCRIBE (RFC 9051 §6.3.8). */
export const unsubscribeCommand: CommandHandler = {
  name: 'UNSUBSCRIBE',
  states: AUTHENTICATED,
  async handle(context, command) {
    const [nameToken] = expectArguments(command, 1);
    await context.store.setSubscribed(context.account!, mailboxArgument(context, nameToken), false);
    return { status: 'OK', text: 'UNSUBSCRIBE completed' };
  },
};
