import { Pop3Error } from '../pop3-error.js';
import { isBase64, parsePlain } from '../sasl-plain.js';
import { plaintextAuthAllowed } from './capa.js';
import { logIn, plaintextRefused } from './login.js';
import type { Pop3Command, Pop3Context } from './types.js';

/**
 * RFC 5034 AUTH with the PLAIN mechanism (RFC 4616), with or without an initial response
 * (`=` stands for an empty one, §4). `AUTH` alone lists the mechanisms, as RFC 1734 servers and
 * Dovecot do, for clients that probe that way. `*` cancels the exchange (§4).
 */
export const authCommand: Pop3Command = {
  name: 'AUTH',
  states: ['authorization'],
  async run(context, argument) {
    const [mechanism = '', initialResponse, ...extra] = argument.split(' ');
    if (mechanism === '') {
      await context.replyLines('+OK', plaintextAuthAllowed(context) ? ['PLAIN'] : []);
      return;
    }
    if (mechanism.toUpperCase() !== 'PLAIN') throw new Pop3Error('Unsupported authentication mechanism.', { code: 'AUTH' });
    if (!plaintextAuthAllowed(context)) throw plaintextRefused();
    if (extra.length > 0) throw new Pop3Error('Too many arguments.');
    const response = initialResponse === undefined ? await askForResponse(context) : initialResponse === '=' ? '' : initialResponse;
    if (!isBase64(response)) throw new Pop3Error('Invalid base64 data.');
    const credentials = parsePlain(response);
    // Acting for another identity (a non-empty, different authzid) is not offered.
    if (credentials === null || (credentials.authorizationId !== '' && credentials.authorizationId !== credentials.username)) {
      context.authFailures += 1;
      await context.options.authFailureDelay(context.authFailures);
      throw new Pop3Error('Authentication failed.', { code: 'AUTH' });
    }
    await logIn(context, credentials.username, credentials.password);
  },
};

/** Sends the empty challenge `+ ` and reads the client's response line. */
async function askForResponse(context: Pop3Context): Promise<string> {
  await context.reply('+ ');
  const line = await context.readLine();
  if (line === null) throw new Pop3Error('Connection closed during authentication.');
  if (line.kind === 'too-long') throw new Pop3Error('Line too long.');
  if (line.text === '*') throw new Pop3Error('Authentication aborted by client.');
  return line.text;
}
