import type { CommandHandler } from '../types.js';
import { astringOf, expectArguments } from './arguments.js';
import { authenticateAs, PRIVACY_REQUIRED } from './authentication.js';

/** LOGIN (RFC 9051 §6.2.3): refused before TLS unless insecure authentication is allowed. */
export const loginCommand: CommandHandler = {
  name: 'LOGIN',
  states: ['not-authenticated'],
  async handle(context, command) {
    const [user, pass] = expectArguments(command, 2);
    const username = astringOf(user, 'user name');
    const password = astringOf(pass, 'password');
    if (!context.session.plaintextAuthAllowed) return PRIVACY_REQUIRED;
    return authenticateAs(context, username, password);
  },
};
