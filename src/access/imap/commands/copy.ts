import type { CommandHandler } from '../types.js';
import { copyOrMove } from '../message/copy-messages.js';

/** COPY and UID COPY (RFC 9051 §6.4.7) with UIDPLUS `[COPYUID …]` (RFC 4315) and `[TRYCREATE]`. */
export const copyCommand: CommandHandler = {
  name: 'COPY',
  states: ['selected'],
  capabilities: ['UIDPLUS'],
  async handle(context, command) {
    const code = await copyOrMove(context, command, 'copy');
    const text = `${command.uid ? 'UID COPY' : 'COPY'} completed`;
    return code === null ? { status: 'OK', text } : { status: 'OK', code, text };
  },
};
