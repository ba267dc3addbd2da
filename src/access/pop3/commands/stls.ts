import { Pop3Error } from '../pop3-error.js';
import type { Pop3Command } from './types.js';

/**
 * RFC 2595 §4 STLS: `+OK`, then the TLS handshake on the same connection. Anything the client
 * sent after STLS and before the handshake is discarded (the session's line reader starts over).
 */
export const stlsCommand: Pop3Command = {
  name: 'STLS',
  states: ['authorization'],
  async run(context, argument) {
    if (argument !== '') throw new Pop3Error('STLS takes no argument.');
    if (context.secure) throw new Pop3Error('TLS is already active.');
    if (context.options.tls === null) throw new Pop3Error('TLS support is not enabled.');
    await context.reply('+OK Begin TLS negotiation now.');
    await context.startTls();
  },
};
