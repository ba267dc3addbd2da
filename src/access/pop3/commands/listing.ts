import { Pop3Error } from '../pop3-error.js';
import type { Maildrop } from '../maildrop.js';
import { commandArguments } from './arguments.js';
import type { Pop3Command, Pop3Context } from './types.js';

/** The maildrop of a command valid only in TRANSACTION (the dispatcher guarantees the state). */
export function openMaildrop(context: Pop3Context): Maildrop {
  if (context.maildrop === null) throw new Pop3Error('No maildrop is open.');
  return context.maildrop;
}

/** RFC 1939 §5 STAT: `+OK count octets`. */
export const statCommand: Pop3Command = {
  name: 'STAT',
  states: ['transaction'],
  async run(context, argument) {
    commandArguments(argument, 0, 0);
    const { count, size } = openMaildrop(context).stat();
    await context.reply(`+OK ${count} ${size}`);
  },
};

/** RFC 1939 §5 LIST: the scan listing of one message, or of every message not marked deleted. */
export const listCommand: Pop3Command = {
  name: 'LIST',
  states: ['transaction'],
  async run(context, argument) {
    const [number] = commandArguments(argument, 0, 1);
    const maildrop = openMaildrop(context);
    if (number !== undefined) {
      const message = maildrop.message(number);
      await context.reply(`+OK ${message.number} ${message.size}`);
      return;
    }
    const visible = maildrop.visible();
    await context.replyLines(
      `+OK ${visible.length} messages:`,
      visible.map((message) => `${message.number} ${message.size}`),
    );
  },
};

/** RFC 1939 §7 UIDL: the unique-id listing of one message, or of every message not marked deleted. */
export const uidlCommand: Pop3Command = {
  name: 'UIDL',
  states: ['transaction'],
  async run(context, argument) {
    const [number] = commandArguments(argument, 0, 1);
    const maildrop = openMaildrop(context);
    if (number !== undefined) {
      const message = maildrop.message(number);
      await context.reply(`+OK ${message.number} ${maildrop.uniqueId(message)}`);
      return;
    }
    await context.replyLines(
      '+OK',
      maildrop.visible().map((message) => `${message.number} ${maildrop.uniqueId(message)}`),
    );
  },
};
