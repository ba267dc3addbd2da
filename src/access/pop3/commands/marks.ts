import { commandArguments } from './arguments.js';
import { openMaildrop } from './listing.js';
import type { Pop3Command } from './types.js';

/** RFC 1939 §5 DELE: marks a message deleted; the store changes only at QUIT. */
export const deleCommand: Pop3Command = {
  name: 'DELE',
  states: ['transaction'],
  async run(context, argument) {
    const [number] = commandArguments(argument, 1, 1);
    const maildrop = openMaildrop(context);
    maildrop.markDeleted(maildrop.message(number));
    await context.reply('+OK Marked to be deleted.');
  },
};

/** RFC 1939 §5 RSET: unmarks every message marked deleted. */
export const rsetCommand: Pop3Command = {
  name: 'RSET',
  states: ['transaction'],
  async run(context, argument) {
    commandArguments(argument, 0, 0);
    openMaildrop(context).unmarkAll();
    await context.reply('+OK');
  },
};

/** RFC 1939 §5 NOOP. */
export const noopCommand: Pop3Command = {
  name: 'NOOP',
  states: ['transaction'],
  async run(context, argument) {
    commandArguments(argument, 0, 0);
    await context.reply('+OK');
  },
};
