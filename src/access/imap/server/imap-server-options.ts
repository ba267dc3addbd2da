import type { Directory } from '../../../interfaces/directory.js';
import type { Logger } from '../../../interfaces/logger.js';
import type { Store } from '../../../interfaces/store.js';
import type { ImapLimits } from '../limits.js';
import type { CommandHandler, LiteralExtension } from '../types.js';

/** Options of {@link ImapServer}. */
export interface ImapServerOptions {
  store: Store;
  directory: Directory;
  /** The name in the greeting. */
  hostname: string;
  logger?: Logger;
  /** The plain listener (STARTTLS when `tls` is given); false for none. Default port 143 on 127.0.0.1. */
  imap?: { port?: number; host?: string } | false;
  /** The implicit-TLS listener (RFC 8314, port 993); needs `tls`. Default: none. */
  imaps?: { port?: number; host?: string } | false;
  /** Key and certificate for STARTTLS and the implicit-TLS port. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Allow LOGIN and AUTHENTICATE PLAIN/LOGIN without TLS (test suites, development). Default false. */
  allowInsecureAuth?: boolean;
  limits?: Partial<ImapLimits>;
  /**
   * `LITERAL+` (default): non-synchronising literals of any size up to the limits. `LITERAL-`:
   * at most 4096 octets, larger ones refused `BAD [TOOBIG]` (RFC 7888 §5), for deployments that
   * want every large upload to wait for the server's `+`.
   */
  literals?: LiteralExtension;
  /** The command handlers; default every command posthouse implements. */
  handlers?: readonly CommandHandler[];
  /** Waits `ms` (the delay after a failed authentication); injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}
