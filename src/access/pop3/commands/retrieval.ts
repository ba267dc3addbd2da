import { commandArguments, lineCount } from './arguments.js';
import { openMaildrop } from './listing.js';
import type { Pop3Command } from './types.js';

/** RFC 1939 §5 RETR: the whole message, byte-stuffed, as stored. */
export const retrCommand: Pop3Command = {
  name: 'RETR',
  states: ['transaction'],
  async run(context, argument) {
    const [number] = commandArguments(argument, 1, 1);
    const maildrop = openMaildrop(context);
    const message = maildrop.message(number);
    const source = await maildrop.read(message);
    await context.replyMessage(`+OK ${message.size} octets`, source);
  },
};

/** RFC 1939 §7 TOP: the header, the blank line, and at most `n` lines of the body. */
export const topCommand: Pop3Command = {
  name: 'TOP',
  states: ['transaction'],
  async run(context, argument) {
    const [number, lines] = commandArguments(argument, 2, 2) as [string, string];
    const maildrop = openMaildrop(context);
    const message = maildrop.message(number);
    const bodyLines = lineCount(lines);
    const source = await maildrop.read(message);
    await context.replyMessage('+OK', source, bodyLines);
  },
};
