import { ImapError } from '../imap-error.js';
import type { CommandContext, CommandHandler } from '../types.js';
import { astringOf, expectArguments } from './arguments.js';
import { authenticateAs, decodeSaslResponse, PRIVACY_REQUIRED } from './authentication.js';

/**
 * AUTHENTICATE (RFC 9051 §6.2.2) with PLAIN (RFC 4616) and LOGIN, and an initial response
 * (SASL-IR, RFC 4959). A client's `*` cancels with BAD.
 */
export const authenticateCommand: CommandHandler = {
  name: 'AUTHENTICATE',
  states: ['not-authenticated'],
  async handle(context, command) {
    const [mechanismToken, initialToken] = expectArguments(command, 1, 2);
    const mechanism = astringOf(mechanismToken, 'mechanism').toUpperCase();
    if (mechanism !== 'PLAIN' && mechanism !== 'LOGIN') return { status: 'NO', code: 'CANNOT', text: `Unsupported mechanism ${mechanism.slice(0, 40)}` };
    if (!context.session.plaintextAuthAllowed) return PRIVACY_REQUIRED;
    const initial = initialToken === undefined ? null : decodeSaslResponse(astringOf(initialToken, 'initial response'));
    if (mechanism === 'PLAIN') {
      const response = initial ?? (await challenge(context, ''));
      const [authzid, authcid, password, ...rest] = response.toString('utf8').split('\u0000');
      if (password === undefined || rest.length > 0) throw new ImapError('BAD', 'Malformed PLAIN response');
      if (authzid !== '' && authzid !== authcid) return { status: 'NO', code: 'AUTHORIZATIONFAILED', text: 'Cannot act as another user' };
      return authenticateAs(context, authcid!, password);
    }
    const username = initial ?? (await challenge(context, Buffer.from('Username:').toString('base64')));
    const password = await challenge(context, Buffer.from('Password:').toString('base64'));
    return authenticateAs(context, username.toString('utf8'), password.toString('utf8'));
  },
};

/** Sends one SASL challenge and reads the client's answer. */
async function challenge(context: CommandContext, text: string): Promise<Buffer> {
  context.continuation(text);
  const line = await context.readLine();
  if (line === null) throw new ImapError('BAD', 'SASL response missing or too long');
  const answer = line.toString('latin1');
  if (answer === '*') throw new ImapError('BAD', 'Authentication cancelled');
  return decodeSaslResponse(answer);
}
