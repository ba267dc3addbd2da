import type { CommandHandler } from '../types.js';
import { expectArguments } from './arguments.js';

/** CHECK (RFC 3501 §6.4.1; gone in RFC 9051 but still sent by rev1 clients): like NOOP, the store is always durable. */
export const checkCommand: CommandHandler = {
  name: 'CHECK',
  states: ['selected'],
  async handle(_context, command) {
    expectArguments(command, 0);
    return { status: 'OK', text: 'CHECK completed' };
  },
};
