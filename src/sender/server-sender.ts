import type { Logger } from '../interfaces/logger.js';
import type { Clock, MailResolver, Transport } from '../interfaces/sender.js';
import { mxTransport, sandboxTransport, smartHostTransport, type SmartHostOptions } from './transport/index.js';
import type { RetrySchedule } from './scheduler/retry-schedule.js';
import type { SessionPoolLimits } from './transport/session-pool.js';

/** The `sender` options of a mail server: how queued mail leaves it. */
export interface SenderServerOptions {
  /**
   * `mx` (the default): to each domain's MX hosts; `sandbox`: nowhere, captured (test servers);
   * or a {@link Transport} of your own. `smarthost` wins over this.
   */
  transport?: 'mx' | 'sandbox' | Transport;
  /** Relay everything through one upstream instead of MX delivery. */
  smarthost?: Omit<SmartHostOptions, 'hostname' | 'logger'>;
  /** DNS for MX delivery (node's resolver by default). */
  resolver?: MailResolver;
  /** The port MX hosts are reached on (default 25); for test networks. */
  remoteSmtpPort?: number;
  /** Connection reuse for MX delivery (idle time 5 s, 100 transactions, 4 idle per destination); the smart host takes its own `smarthost.pool`. */
  pool?: SessionPoolLimits;
  schedule?: Partial<RetrySchedule>;
  concurrency?: { total?: number; perDomain?: number };
  /** After how long a waiting message gets one "delayed" DSN (default 4 h); null for none. */
  dsn?: { warnAfterMs?: number | null };
  clock?: Clock;
  /** Take mail into the queue but send none (admin sessions that open a data directory). */
  paused?: boolean;
  /**
   * The Sender Rewriting Scheme of forwarded mail (docs/sending.md): the domain of the rewritten
   * reverse-paths (default: the server's hostname; it needs an SPF record that allows this server
   * and an MX that reaches it) and the HMAC secret (default: generated once, kept in the store).
   */
  srs?: { domain?: string; secret?: string };
}

/**
 * The transport the options ask for.
 *
 * @example
 * const transport = senderTransport({ smarthost: { host: 'relay.example.net', port: 587 } }, 'mx.example.com', logger);
 */
export function senderTransport(options: SenderServerOptions, hostname: string, logger: Logger): Transport {
  if (options.smarthost !== undefined) return smartHostTransport({ ...options.smarthost, hostname, logger });
  const transport = options.transport ?? 'mx';
  if (transport === 'sandbox') return sandboxTransport();
  if (transport !== 'mx') return transport;
  return mxTransport({ hostname, logger, ...(options.resolver === undefined ? {} : { resolver: options.resolver }), ...(options.remoteSmtpPort === undefined ? {} : { port: options.remoteSmtpPort }), ...(options.pool === undefined ? {} : { pool: options.pool }) });
}
