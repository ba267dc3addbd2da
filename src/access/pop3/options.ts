import { silentLogger } from '../../core/logger.js';
import type { Directory } from '../../interfaces/directory.js';
import type { Logger } from '../../interfaces/logger.js';
import type { Store } from '../../interfaces/store.js';

/** Bounds of a POP3 server; every one has a default. */
export interface Pop3Limits {
  /** Sessions at once over every listener. Default 500. */
  maxConnections: number;
  /** Sessions at once from one remote address. Default 20. */
  maxConnectionsPerIp: number;
  /** Silence after which a session is closed; RFC 1939 §3 asks for at least 10 minutes. Default 600000. */
  idleTimeoutMs: number;
  /**
   * Longest command line in octets, CRLF excluded. RFC 2449 §4 caps commands at 255 octets; the
   * default 1024 leaves room for long AUTH PLAIN responses (RFC 5034 §4). Longer lines get
   * `-ERR Line too long.` and the session goes on.
   */
  maxLineLength: number;
}

/** The defaults of {@link Pop3Limits}. */
export const DEFAULT_POP3_LIMITS: Readonly<Pop3Limits> = Object.freeze({
  maxConnections: 500,
  maxConnectionsPerIp: 20,
  idleTimeoutMs: 600_000,
  maxLineLength: 1024,
});

/** Options of {@link Pop3Server}. */
export interface Pop3ServerOptions {
  store: Store;
  /** Checks passwords (`directory.authenticate`). */
  directory: Pick<Directory, 'authenticate'>;
  /** Named in the greeting. Default `localhost`. */
  hostname?: string;
  /** Key and certificate (PEM) for STLS (RFC 2595) and implicit-TLS listeners. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Allow USER/PASS and AUTH PLAIN without TLS. For test suites and development only. */
  allowInsecureAuth?: boolean;
  limits?: Partial<Pop3Limits>;
  /**
   * Waits after a failed login, given how many the session has had; the default waits one
   * second per failure, at most five. Tests inject their own.
   */
  authFailureDelay?: (failures: number) => Promise<void>;
  logger?: Logger;
}

/** {@link Pop3ServerOptions} with every default filled in. */
export interface ResolvedPop3Options {
  store: Store;
  directory: Pick<Directory, 'authenticate'>;
  hostname: string;
  tls: { key: string | Buffer; cert: string | Buffer } | null;
  allowInsecureAuth: boolean;
  limits: Pop3Limits;
  authFailureDelay: (failures: number) => Promise<void>;
  logger: Logger;
}

/** Fills in the defaults of {@link Pop3ServerOptions}. */
export function resolvePop3Options(options: Pop3ServerOptions): ResolvedPop3Options {
  return {
    store: options.store,
    directory: options.directory,
    hostname: options.hostname ?? 'localhost',
    tls: options.tls ?? null,
    allowInsecureAuth: options.allowInsecureAuth ?? false,
    limits: { ...DEFAULT_POP3_LIMITS, ...options.limits },
    authFailureDelay: options.authFailureDelay ?? defaultAuthFailureDelay,
    logger: options.logger ?? silentLogger,
  };
}

function defaultAuthFailureDelay(failures: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(failures, 5) * 1000));
}
