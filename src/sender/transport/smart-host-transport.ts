import type { Logger } from '../../interfaces/logger.js';
import type { RecipientAttempt, Transport, TransportAttempt } from '../../interfaces/sender.js';
import { allRecipients, openSession, runTransaction } from './smtp-session.js';

/** Options of {@link smartHostTransport}. */
export interface SmartHostOptions {
  host: string;
  port: number;
  /** TLS from the first byte (port 465, RFC 8314 §3.3); otherwise STARTTLS. */
  secure?: boolean;
  /** Credentials for AUTH PLAIN or LOGIN (RFC 4954), whichever the relay offers first. */
  auth?: { user: string; pass: string };
  /** Our name in EHLO. */
  hostname: string;
  /** Certificate checks; verified by default. `ca` for a private relay, `rejectUnauthorized: false` only in tests. */
  tls?: { ca?: string | Buffer; rejectUnauthorized?: boolean };
  logger?: Logger;
}

/**
 * Sends everything through one upstream relay (a "smart host"), whatever the recipient's domain.
 * With credentials, the session must be encrypted first (implicit TLS or STARTTLS): credentials
 * never go out in plaintext, and a relay without STARTTLS defers with 4.7.10.
 *
 * @example
 * const transport = smartHostTransport({ host: 'smtp.relay.example', port: 587, auth: { user, pass }, hostname: 'mail.example.com' });
 */
export function smartHostTransport(options: SmartHostOptions): Transport {
  async function send(attempt: TransportAttempt): Promise<RecipientAttempt[]> {
    const secure = options.secure ?? false;
    const opened = await openSession(
      {
        host: options.host,
        port: options.port,
        secure,
        name: options.hostname,
        requireTLS: !secure && options.auth !== undefined,
        opportunisticTLS: false,
        logger: false,
        tls: { rejectUnauthorized: options.tls?.rejectUnauthorized ?? true, ...(options.tls?.ca !== undefined ? { ca: options.tls.ca } : {}) },
      },
      options.auth,
    );
    if (!opened.ok) {
      options.logger?.warn({ host: options.host, port: options.port, reply: opened.outcome.reply }, 'smart host refused the session');
      return allRecipients(attempt, opened.outcome, options.host);
    }
    try {
      return await runTransaction(opened, attempt, options.host);
    } finally {
      opened.connection.quit();
    }
  }
  return { send, close: async () => {} };
}
