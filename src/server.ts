import { hostname as osHostname } from 'node:os';
import { silentLogger } from './core/logger.js';
import { TypedEmitter } from './core/typed-emitter.js';
import { Deliverer } from './deliverer/deliverer.js';
import { createDirectory } from './directory/index.js';
import type { Directory } from './interfaces/directory.js';
import type { FilingHook } from './interfaces/delivery.js';
import type { MailEvents } from './interfaces/events.js';
import type { Logger } from './interfaces/logger.js';
import type { Store } from './interfaces/store.js';
import { Receiver, type ReceiverLimits } from './receiver/index.js';
import { memoryStore } from './store/index.js';

/** A TLS key pair in PEM. */
export interface TlsCredentials {
  key: string | Buffer;
  cert: string | Buffer;
}

/** Where a listener binds. Port 0 picks a free port. */
export interface ListenerOptions {
  port?: number;
  host?: string;
}

/** The SMTP (inbound MTA) listener. */
export interface SmtpListenerOptions extends ListenerOptions {
  limits?: Partial<ReceiverLimits>;
  /** `reject` (default) closes the session with 521 5.5.2 on a bare CR or LF in DATA; `normalize` converts them to CRLF. */
  bareLineEndings?: 'reject' | 'normalize';
  /** Allow AUTH without TLS. For test suites only. */
  allowInsecureAuth?: boolean;
}

/** Options of {@link createMailServer}. */
export interface MailServerOptions {
  /** The name the server gives in its greeting and trace headers. Default: the host name. */
  hostname?: string;
  /** Default: {@link memoryStore}. The server opens and closes it. */
  store?: Store;
  /** The inbound SMTP listener, or false for none. Default: port 25 on 127.0.0.1. */
  smtp?: SmtpListenerOptions | false;
  /** Key and certificate for STARTTLS. */
  tls?: TlsCredentials;
  directory?: {
    /** Sub-address separator (RFC 5233), default `+`; null turns sub-addressing off. */
    subaddressSeparator?: string | null;
    caseSensitiveLocalPart?: boolean;
    /** Accept mail for any address, each an account of its own (test servers). */
    acceptAll?: boolean;
  };
  /** Filing stages run for each recipient before the default INBOX (the rules engine plugs in here). */
  hooks?: FilingHook[];
  /** Parse and record a summary with each delivered copy (default true). */
  summaries?: boolean;
  logger?: Logger;
}

/** Where the listeners of a running server are. */
export interface MailServerAddresses {
  smtp: { host: string; port: number } | null;
}

/**
 * A whole mail server wired from its roles: store, directory, deliverer and receiver. It re-emits
 * their events (`received`, `delivered`, `rejected`).
 */
export class MailServer extends TypedEmitter<MailEvents> {
  readonly store: Store;
  readonly directory: Directory;
  readonly deliverer: Deliverer;
  readonly receiver: Receiver | null;
  readonly #logger: Logger;
  #addresses: MailServerAddresses = { smtp: null };

  constructor(options: MailServerOptions = {}) {
    super();
    const hostname = options.hostname ?? osHostname();
    this.#logger = options.logger ?? silentLogger;
    this.store = options.store ?? memoryStore();
    this.directory = createDirectory({ records: this.store.records, store: this.store, ...options.directory });
    this.deliverer = new Deliverer({
      store: this.store,
      directory: this.directory,
      hooks: options.hooks ?? [],
      summaries: options.summaries ?? true,
      logger: this.#logger,
    });
    this.receiver =
      options.smtp === false
        ? null
        : new Receiver({
            agent: this.deliverer,
            hostname,
            host: options.smtp?.host ?? '127.0.0.1',
            port: options.smtp?.port ?? 25,
            ...(options.tls ? { tls: options.tls } : {}),
            ...(options.smtp?.limits ? { limits: options.smtp.limits } : {}),
            bareLineEndings: options.smtp?.bareLineEndings ?? 'reject',
            allowInsecureAuth: options.smtp?.allowInsecureAuth ?? false,
            authenticate: async (username, password) => (await this.directory.authenticate(username, password))?.address ?? null,
            logger: this.#logger,
          });
    this.deliverer.on('delivered', (event) => this.emit('delivered', event));
    this.deliverer.on('rejected', (event) => this.emit('rejected', event));
    this.receiver?.on('received', (event) => this.emit('received', event));
    this.receiver?.on('rejected', (event) => this.emit('rejected', event));
  }

  /** The bound listeners; null before `listen()`. */
  get addresses(): MailServerAddresses {
    return this.#addresses;
  }

  /** Opens the store and starts every configured listener. */
  async listen(): Promise<MailServerAddresses> {
    await this.store.open();
    this.#addresses = { smtp: this.receiver ? await this.receiver.listen() : null };
    return this.#addresses;
  }

  /**
   * Graceful stop: refuse new connections, let sessions in flight finish (within `graceMs`),
   * finish pending summaries, close the store.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    await this.receiver?.close({ graceMs: options.graceMs ?? 10_000 });
    await this.deliverer.idle();
    await this.store.close();
  }
}

/**
 * Assembles a mail server from its roles, on the embedded defaults where options are silent.
 *
 * @example
 * const server = createMailServer({ hostname: 'mx.example.com', store: levelStore({ path: './data' }), smtp: { port: 2525 } });
 * await server.listen();
 * await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
 */
export function createMailServer(options: MailServerOptions = {}): MailServer {
  return new MailServer(options);
}
