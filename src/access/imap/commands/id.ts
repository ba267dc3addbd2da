import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';

/** ID (RFC 2971): the client's fields are accepted (and logged at debug); the server names itself. */
export const idCommand: CommandHandler = {
  name: 'ID',
  states: ['not-authenticated', 'authenticated', 'selected'],
  async handle(context, command) {
    const [fields] = command.args;
    if (command.args.length !== 1 || (fields?.type !== 'nil' && fields?.type !== 'list')) throw new ImapError('BAD', 'ID takes one list or NIL');
    if (fields.type === 'list' && (fields.items.length > 60 || fields.items.length % 2 !== 0)) throw new ImapError('BAD', 'ID list must be up to 30 field/value pairs');
    context.logger.debug({ fields: fields.type === 'list' ? fields.items.length / 2 : 0 }, 'imap: client ID');
    context.untagged('ID ("name" "posthouse" "vendor" "posthouse")');
    return { status: 'OK', text: 'ID completed' };
  },
};
