import type { CommandHandler } from '../types.js';
import { copyOrMove } from '../message/copy-messages.js';

/**
 * MOVE and UID MOVE (RFC 6851): `* OK [COPYUID …]` untagged first, then the EXPUNGE (or VANISHED)
 * responses for the moved messages, then the tagged OK (RFC 6851 §4.3).
 */
export const moveCommand: CommandHandler = {
  name: 'MOVE',
  states: ['selected'],
  capabilities: ['MOVE'],
  async handle(context, command) {
    const code = await copyOrMove(context, command, 'move');
    if (code !== null) context.untagged(`OK [${code}] Moved`);
    await context.flushUpdates({ expunges: true });
    return { status: 'OK', text: `${command.uid ? 'UID MOVE' : 'MOVE'} completed` };
  },
};
