import { isIP } from 'node:net';
import { lazyImport } from '../../core/lazy-module.js';
import type { Logger } from '../../interfaces/logger.js';
import type { MailResolver, RecipientAttempt, Transport, TransportAttempt } from '../../interfaces/sender.js';
import { resolveDestination, type MailHost } from './destination.js';
import { callbackResolve, policyCache } from './mx-policy.js';
import { nodeResolver } from './node-resolver.js';
import { knownRoutes } from './known-routes.js';
import { SessionPool, type PooledSession, type SessionPoolLimits } from './session-pool.js';
import { allRecipients, openSession, runTransaction } from './smtp-session.js';
import { deferral, type Outcome } from './smtp-replies.js';

/** mx-connect, loaded on the first delivery to an MX: a server that relays nothing need not hold it. */
const loadMxConnect = lazyImport(async () => (await import('mx-connect')).default);

/** Options of {@link mxTransport}. */
export interface MxTransportOptions {
  /** DNS look-ups (MX, A, AAAA, the MTA-STS TXT); node's resolver by default. */
  resolver?: MailResolver;
  /** The remote SMTP port; 25 unless a test network says otherwise (`--remote-smtp-port`). */
  port?: number;
  /** Our name in EHLO (RFC 5321 §4.1.1.1). */
  hostname: string;
  /** Defer rather than send in plaintext, and verify certificates (4.7.10 when STARTTLS is missing). */
  requireTls?: boolean;
  /** Honour MTA-STS policies (RFC 8461); on by default. Policies are fetched over HTTPS. */
  mtaSts?: boolean;
  /** How long to wait for a TCP connection to one address; 30 s by default. */
  connectTimeoutMs?: number;
  /** Chooses among MX hosts of equal preference; `Math.random` by default. */
  random?: () => number;
  /** Connection reuse: idle time (5 s), transactions per connection (100), idle connections per destination (4). */
  pool?: SessionPoolLimits;
  logger?: Logger;
}

/** What a pooled MX session remembers: the host name it answers for and whether its certificate was verified. */
interface MxSession {
  exchange: string;
  verified: boolean;
}

/** The pool key of a destination: address, port and TLS state. */
function destinationKey(address: string, port: number, verified: boolean): string {
  return `${address}|${port}|${verified ? 'verified' : 'opportunistic'}`;
}

/** Sessions opened per attempt at most: a host that greets with 4xx/5xx hands over to the next. */
const MAX_SESSIONS_PER_ATTEMPT = 5;

function mxEntries(hosts: MailHost[]): Array<{ exchange: string; priority: number; A: string[]; AAAA: string[] }> {
  return hosts.map((host) => ({ exchange: host.exchange, priority: host.priority, A: host.ipv4, AAAA: host.ipv6 }));
}

/** A connection that mx-connect could not make: refused, timed out, or against the MTA-STS policy. */
function connectFailure(error: unknown): Outcome {
  const failure = error as { category?: string; message?: string };
  const message = failure.message ?? String(error);
  return failure.category === 'policy' ? deferral('4.7.5', message) : deferral('4.4.1', `no answer from host: ${message}`);
}

/**
 * Delivers straight to each domain's mail exchangers (RFC 5321 §5.1). Hosts are found through the
 * injected resolver (null MX fails with 5.1.10, no MX falls back to the domain's A/AAAA), then
 * mx-connect connects to them by preference, address after address, and checks the MTA-STS
 * policy. DANE is not checked: node 20 has no TLSA look-up and {@link MailResolver} serves none.
 *
 * STARTTLS is used whenever the server offers it (RFC 3207); a failed handshake defers (4.7.5)
 * rather than falling back to plaintext. Opportunistic TLS does not verify the certificate
 * (RFC 7435 §1.3: most MX certificates cannot be checked against the MX name, so verifying would
 * only turn encryption off); `requireTls` and an enforcing MTA-STS policy do verify it.
 * `send` never throws for a remote's refusal or a network failure: every recipient gets a result.
 *
 * Sessions are kept open after a transaction and reused for the next one to the same address,
 * port and TLS state (see {@link SessionPool} for the bounds), for a domain whose route a checked
 * connection established (see {@link KnownRoutes}). A reused session that turns out closed before
 * the message body went out is dropped and the transaction retried once on a fresh connection.
 * `close()` QUITs the idle sessions.
 *
 * @example
 * const transport = mxTransport({ hostname: 'mail.example.com' });
 * const results = await transport.send({ mailFrom: 'a@example.com', recipients: ['b@example.org'], domain: 'example.org', source });
 */
export function mxTransport(options: MxTransportOptions): Transport {
  const resolver = options.resolver ?? nodeResolver();
  const port = options.port ?? 25;
  const random = options.random ?? Math.random;
  const cache = policyCache();
  const dnsOptions = { ignoreIPv6: false, preferIPv6: false, blockLocalAddresses: false, resolve: callbackResolve(resolver) };
  const pool = new SessionPool<MxSession>(options.pool);
  const routes = knownRoutes();

  /** An idle session to one of the domain's hosts, by preference, that its known route allows. */
  function pooledSession(domain: string, hosts: MailHost[]): PooledSession<MxSession> | null {
    for (const host of hosts) {
      for (const address of [...host.ipv4, ...host.ipv6]) {
        for (const verified of [true, false]) {
          if (!verified && options.requireTls === true) continue;
          const session = pool.take(destinationKey(address, port, verified), (meta) => meta.exchange === host.exchange && routes.allows(domain, host.exchange, meta.verified));
          if (session !== null) return session;
        }
      }
    }
    return null;
  }

  /** Runs the transaction and gives the session back; `retry` when a reused session broke before the body. */
  async function transact(session: PooledSession<MxSession>, attempt: TransportAttempt): Promise<{ results: RecipientAttempt[]; retry: boolean }> {
    const result = await runTransaction(session, attempt, session.meta.exchange);
    await pool.release(session, result);
    const retry = session.reused && result.lostBeforeBody;
    if (retry) options.logger?.debug({ domain: attempt.domain, host: session.meta.exchange }, 'pooled session was closed; retrying on a fresh one');
    return { results: result.results, retry };
  }

  async function send(attempt: TransportAttempt): Promise<RecipientAttempt[]> {
    const destination = await resolveDestination(attempt.domain, resolver, random);
    if (destination.kind !== 'hosts') {
      return allRecipients(attempt, { status: destination.kind, responseCode: null, enhancedCode: destination.enhancedCode, reply: destination.reply }, null);
    }
    const pooled = pooledSession(attempt.domain, destination.hosts);
    if (pooled !== null) {
      const done = await transact(pooled, attempt);
      if (!done.retry) return done.results;
    }
    const tried: string[] = [];
    let lastRefusal: { outcome: Outcome; host: string } | null = null;
    for (let session = 0; session < MAX_SESSIONS_PER_ATTEMPT; session++) {
      let connected;
      try {
        const mxConnect = await loadMxConnect();
        connected = await mxConnect({
          target: attempt.domain,
          mx: mxEntries(destination.hosts),
          port,
          ignoreMXHosts: tried,
          dnsOptions,
          mtaSts: { enabled: options.mtaSts ?? true, cache },
          ...(options.connectTimeoutMs !== undefined ? { maxConnectTime: options.connectTimeoutMs } : {}),
        });
      } catch (error) {
        if (lastRefusal !== null) return allRecipients(attempt, lastRefusal.outcome, lastRefusal.host);
        return allRecipients(attempt, connectFailure(error), null);
      }
      tried.push(connected.host);
      const verified = options.requireTls === true || (connected.policyMatch?.valid === true && connected.policyMatch.mode === 'enforce');
      const servername = isIP(connected.hostname) === 0 ? connected.hostname : undefined;
      const opened = await openSession({
        connection: connected.socket,
        host: connected.host,
        port,
        name: options.hostname,
        requireTLS: verified,
        opportunisticTLS: false,
        logger: false,
        ...(servername !== undefined ? { servername } : {}),
        tls: { rejectUnauthorized: verified, ...(servername !== undefined ? { servername } : {}) },
      });
      if (!opened.ok) {
        options.logger?.debug({ domain: attempt.domain, host: connected.hostname, address: connected.host, reply: opened.outcome.reply }, 'mx host refused the session');
        lastRefusal = { outcome: opened.outcome, host: connected.hostname };
        continue;
      }
      routes.learn(attempt.domain, connected.hostname, verified);
      const session = { ...opened, key: destinationKey(connected.host, port, verified), meta: { exchange: connected.hostname, verified }, transactions: 0, reused: false };
      return (await transact(session, attempt)).results;
    }
    return allRecipients(attempt, lastRefusal?.outcome ?? deferral('4.4.1', 'no host answered'), lastRefusal?.host ?? null);
  }

  return { send, close: () => pool.close() };
}
