import type { Duplex } from 'node:stream';
import type { SecureContext } from 'node:tls';
import type { Directory } from '../../../interfaces/directory.js';
import type { Logger } from '../../../interfaces/logger.js';
import type { Store } from '../../../interfaces/store.js';
import type { ImapLimits } from '../limits.js';
import type { CommandHandler, LiteralExtension } from '../types.js';
import type { AccountSessions } from './account-sessions.js';
import type { WatchHub } from './watch-hub.js';

/** What one session needs; the server (or a test) shares `hub`, `accounts` and `handlers` between sessions. */
export interface ImapSessionOptions {
  /** The connection: a socket, a TLS socket, or an in-memory duplex in tests. */
  stream: Duplex;
  store: Store;
  directory: Directory;
  logger: Logger;
  hub: WatchHub;
  accounts: AccountSessions;
  handlers: ReadonlyMap<string, CommandHandler>;
  limits: ImapLimits;
  /** The name in the greeting. */
  hostname: string;
  /** Whether `stream` is already encrypted (implicit TLS, port 993). */
  secure: boolean;
  /** For STARTTLS; absent means STARTTLS is not offered. */
  secureContext?: SecureContext;
  /** Allow LOGIN and AUTHENTICATE PLAIN/LOGIN without TLS (test suites, development). */
  allowInsecureAuth: boolean;
  /** The non-synchronising literals accepted and advertised; default `LITERAL+`. */
  literals?: LiteralExtension;
  /** The client's address, for the log. */
  remoteAddress?: string;
  /** Waits `ms`; injectable so tests of the authentication delay do not wait. Default: a timer. */
  sleep?: (ms: number) => Promise<void>;
}
