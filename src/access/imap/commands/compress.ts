import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';
import { astringOf, expectArguments } from './arguments.js';

/**
 * COMPRESS (RFC 4978): `COMPRESS DEFLATE` turns on raw DEFLATE in both directions after the
 * tagged OK; a second one gets `NO [COMPRESSIONACTIVE]`, another mechanism `BAD`.
 */
export const compressCommand: CommandHandler = {
  name: 'COMPRESS',
  states: ['authenticated', 'selected'],
  capabilities: ['COMPRESS=DEFLATE'],
  async handle(context, command) {
    const [mechanism] = expectArguments(command, 1);
    if (astringOf(mechanism, 'compression mechanism').toUpperCase() !== 'DEFLATE') throw new ImapError('BAD', 'Unknown compression mechanism');
    if (context.session.compressed) throw new ImapError('NO', 'DEFLATE is already active', 'COMPRESSIONACTIVE');
    context.session.compressAfterReply();
    return { status: 'OK', text: 'DEFLATE active' };
  },
};
