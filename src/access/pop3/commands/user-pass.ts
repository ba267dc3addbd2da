import { Pop3Error } from '../pop3-error.js';
import { plaintextAuthAllowed } from './capa.js';
import { logIn, plaintextRefused } from './login.js';
import type { Pop3Command } from './types.js';

/** RFC 1939 §7 USER: remembers the name for PASS. */
export const userCommand: Pop3Command = {
  name: 'USER',
  states: ['authorization'],
  async run(context, argument) {
    if (!plaintextAuthAllowed(context)) throw plaintextRefused();
    if (argument === '') throw new Pop3Error('No username given.');
    context.pendingUser = argument;
    await context.reply('+OK');
  },
};

/**
 * RFC 1939 §7 PASS: the whole rest of the line is the password, spaces included (as §7 allows).
 * The name from USER is used once, whatever the outcome.
 */
export const passCommand: Pop3Command = {
  name: 'PASS',
  states: ['authorization'],
  async run(context, argument) {
    if (!plaintextAuthAllowed(context)) throw plaintextRefused();
    const username = context.pendingUser;
    context.pendingUser = null;
    if (username === null) throw new Pop3Error('No username given.');
    await logIn(context, username, argument);
  },
};
