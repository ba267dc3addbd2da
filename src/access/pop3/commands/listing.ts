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

type MaildropMessage = ReturnType<Maildrop['message']>;

/**
 * LIST and UIDL share one shape (RFC 1939 §5, §7): with a number, one `+OK n value` line; without,
 * a multi-line listing of every message not marked deleted.
 */
function listingCommand(name: string, valueOf: (message: MaildropMessage, maildrop: Maildrop) => string | number, header: (count: number) => string): Pop3Command {
  return {
    name,
    states: ['transaction'],
    async run(context, argument) {
      const [number] = commandArguments(argument, 0, 1);
      const maildrop = openMaildrop(context);
      if (number !== undefined) {
        const message = maildrop.message(number);
        await context.reply(`+OK ${message.number} ${valueOf(message, maildrop)}`);
        return;
      }
      const visible = maildrop.visible();
      await context.replyLines(header(visible.length), visible.map((message) => `${message.number} ${valueOf(message, maildrop)}`));
    },
  };
}

/** RFC 1939 §5 LIST: the scan listing (number and size) of one message, or of every message not marked deleted. */
export const listCommand = listingCommand('LIST', (message) => message.size, (count) => `+OK ${count} messages:`);

/** RFC 1939 §7 UIDL: the unique-id listing of one message, or of every message not marked deleted. */
export const uidlCommand = listingCommand('UIDL', (message, maildrop) => maildrop.uniqueId(message), () => '+OK');
