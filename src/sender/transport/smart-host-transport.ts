import type { Logger } from '../../interfaces/logger.js';
import type { RecipientAttempt, Transport, TransportAttempt } from '../../interfaces/sender.js';
import { SessionPool, type PooledSession, type SessionPoolLimits } from './session-pool.js';
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
  /** Connection reuse: idle time (5 s), transactions per connection (100), idle connections kept (4). */
  pool?: SessionPoolLimits;
  logger?: Logger;
}

/**
 * Sends everything through one upstream relay (a "smart host"), whatever the recipient's domain.
 * With credentials, the session must be encrypted first (implicit TLS or STARTTLS): credentials
 * never go out in plaintext, and a relay without STARTTLS defers with 4.7.10.
 * Sessions (logged in, when credentials are given) are kept open and reused within the bounds of
 * {@link SessionPool}; a reused one found closed before the message body went out is dropped and
 * the transaction retried once on a fresh connection. `close()` QUITs the idle sessions.
 *
 * @example
 * const transport = smartHostTransport({ host: 'smtp.relay.example', port: 587, auth: { user, pass }, hostname: 'mail.example.com' });
 */
export function smartHostTransport(options: SmartHostOptions): Transport {
  const secure = options.secure ?? false;
  // One destination: the relay, with the TLS state its options ask for.
  const key = `${options.host}|${options.port}|${secure ? 'implicit' : 'starttls'}`;
  const pool = new SessionPool<null>(options.pool);

  async function send(attempt: TransportAttempt): Promise<RecipientAttempt[]> {
    const pooled = pool.take(key);
    if (pooled !== null) {
      const result = await runTransaction(pooled, attempt, options.host);
      await pool.release(pooled, result);
      if (!result.lostBeforeBody) return result.results;
      options.logger?.debug({ host: options.host, port: options.port }, 'pooled smart host session was closed; retrying on a fresh one');
    }
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
    const session = { ...opened, key, meta: null, transactions: 0, reused: false };
    const result = await runTransaction(session, attempt, options.host);
    await pool.release(session, result);
    return result.results;
  }
  return { send, close: () => pool.close() };
}
