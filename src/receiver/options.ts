import type { DeliveryAgent } from '../interfaces/delivery.js';
import type { SessionInfo } from '../interfaces/envelope.js';
import type { Logger } from '../interfaces/logger.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import { ErrorCodes } from '../errors/codes.js';
import { silentLogger } from '../core/logger.js';

/** How the receiver treats a bare CR or bare LF inside DATA (SMTP smuggling defence). */
export type BareLineEndingPolicy = 'reject' | 'normalize';

/** The bounds a {@link Receiver} keeps on what one client may ask of it. */
export interface ReceiverLimits {
  /** Largest message accepted, in octets, advertised as `SIZE` (RFC 1870). Default 25 MiB. */
  maxMessageBytes: number;
  /** Recipients per transaction; more get `452 4.5.3` (RFC 5321 §4.5.3.1.8). Default 100. */
  maxRecipients: number;
  /** Sessions open at once; more get `421 4.7.0` at connect. Default 500. */
  maxConnections: number;
  /** Sessions open at once from one IP address; more get `421 4.7.0` at connect. Default 20. */
  maxConnectionsPerIp: number;
  /**
   * Commands a client may send outside a mail transaction (since it connected, or since its last
   * accepted MAIL) before it is told `421 4.7.0` and disconnected. Bounds clients that only
   * probe (VRFY, NOOP, RSET loops). AUTH continuation lines do not count. Default 20.
   */
  maxCommandsBeforeMail: number;
  /** Idle time before `421 4.4.2`; RFC 5321 §4.5.3.2 asks for at least 5 minutes. Default 5 min. */
  idleTimeoutMs: number;
  /**
   * Octets of the header section (everything before the first empty line) accepted before the
   * message is refused with `552 5.3.4`. Real header sections, long DKIM/ARC chains included, stay
   * far below; the bound keeps header parsing downstream cheap. Default 256 KiB.
   */
  maxHeaderBytes: number;
}

/** The defaults of {@link ReceiverLimits}. */
export const DEFAULT_RECEIVER_LIMITS: Readonly<ReceiverLimits> = Object.freeze({
  maxMessageBytes: 25 * 1024 * 1024,
  maxRecipients: 100,
  maxConnections: 500,
  maxConnectionsPerIp: 20,
  maxCommandsBeforeMail: 20,
  idleTimeoutMs: 5 * 60 * 1000,
  maxHeaderBytes: 256 * 1024,
});

/** Checks a username and password; resolves to the account name, or null when they do not match. */
export type Authenticator = (username: string, password: string, session: SessionInfo) => Promise<string | null>;

/** What a {@link Receiver} is built from. */
export interface ReceiverOptions {
  /** Takes every accepted recipient check and message. */
  agent: DeliveryAgent;
  /** The name the server greets with and writes into `Received:` headers. */
  hostname: string;
  /** Address to bind; default `127.0.0.1`. */
  host?: string;
  /** Port to bind; 0 (the default) picks a free one. */
  port?: number;
  /** Certificate for STARTTLS (RFC 3207) or, with `implicitTls`, for TLS from the first byte. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** TLS from the first byte (submissions, RFC 8314); needs `tls`. */
  implicitTls?: boolean;
  /** Enables AUTH PLAIN and LOGIN (RFC 4954); without it AUTH is not offered. */
  authenticate?: Authenticator;
  /** Allows AUTH without TLS. For tests only: the password crosses the wire in clear. */
  allowInsecureAuth?: boolean;
  /**
   * A message submission listener (RFC 6409, RFC 8314): MAIL before AUTH gets `530 5.7.0`, and
   * the agent sees `listener: 'submission'` in the session (authenticated users may relay).
   * Needs `authenticate`. Default false: the MTA listener.
   */
  submission?: boolean;
  /** Default `reject`: a bare CR or LF in DATA gets `521 5.5.2` and the connection is closed. */
  bareLineEndings?: BareLineEndingPolicy;
  limits?: Partial<ReceiverLimits>;
  logger?: Logger;
}

/** {@link ReceiverOptions} with every default applied and checked. */
export interface ResolvedReceiverOptions {
  agent: DeliveryAgent;
  hostname: string;
  host: string;
  port: number;
  tls: { key: string | Buffer; cert: string | Buffer } | undefined;
  implicitTls: boolean;
  authenticate: Authenticator | undefined;
  allowInsecureAuth: boolean;
  listener: 'smtp' | 'submission';
  bareLineEndings: BareLineEndingPolicy;
  limits: ReceiverLimits;
  logger: Logger;
}

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.CONFIG_INVALID, `Receiver: ${message}`);
}

/**
 * Applies the defaults and refuses contradictory or out-of-range settings with a
 * `CONFIG_INVALID` {@link PosthouseError}.
 */
export function resolveReceiverOptions(options: ReceiverOptions): ResolvedReceiverOptions {
  if (!options.hostname || /[\s\x00-\x1f\x7f]/.test(options.hostname)) throw invalid('hostname must be a non-empty name without spaces');
  if (options.implicitTls && !options.tls) throw invalid('implicitTls needs a tls key and certificate');
  if (options.submission && !options.authenticate) throw invalid('submission needs an authenticator');
  const bareLineEndings = options.bareLineEndings ?? 'reject';
  if (bareLineEndings !== 'reject' && bareLineEndings !== 'normalize') throw invalid(`unknown bareLineEndings '${String(bareLineEndings)}'`);
  const limits: ReceiverLimits = { ...DEFAULT_RECEIVER_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) throw invalid(`limits.${name} must be a positive integer`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('port must be 0..65535');
  return {
    agent: options.agent,
    hostname: options.hostname,
    host: options.host ?? '127.0.0.1',
    port,
    tls: options.tls,
    implicitTls: options.implicitTls ?? false,
    authenticate: options.authenticate,
    allowInsecureAuth: options.allowInsecureAuth ?? false,
    listener: options.submission ? 'submission' : 'smtp',
    bareLineEndings,
    limits,
    logger: options.logger ?? silentLogger,
  };
}
