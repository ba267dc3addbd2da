import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createSecureContext, createServer as createTlsServer, type SecureContext } from 'node:tls';
import { silentLogger } from '../../../core/logger.js';
import type { Logger } from '../../../interfaces/logger.js';
import { COMMAND_HANDLERS, commandRegistry } from '../commands/index.js';
import { DEFAULT_IMAP_LIMITS, type ImapLimits } from '../limits.js';
import { AccountSessions } from '../session/account-sessions.js';
import { ImapSession } from '../session/imap-session.js';
import { WatchHub } from '../session/watch-hub.js';
import type { CommandHandler } from '../types.js';
import type { ImapServerOptions } from './imap-server-options.js';

/** Where the listeners of an {@link ImapServer} are bound. */
export interface ImapAddresses {
  imap: { host: string; port: number } | null;
  imaps: { host: string; port: number } | null;
}

/**
 * An IMAP4rev2/IMAP4rev1 server over any {@link Store} (RFC 9051, RFC 3501): a plain listener with
 * STARTTLS, an implicit-TLS listener (RFC 8314), per-IP and per-account connection limits, and
 * {@link connect} to run a session over any stream (tests without a socket).
 *
 * @example
 * const imap = new ImapServer({ store, directory, hostname: 'mail.example.com', imap: { port: 143 }, tls });
 * const { imap: where } = await imap.listen();
 */
export class ImapServer {
  readonly #options: ImapServerOptions;
  readonly #logger: Logger;
  readonly #limits: ImapLimits;
  readonly #handlers: ReadonlyMap<string, CommandHandler>;
  readonly #hub: WatchHub;
  readonly #accounts: AccountSessions;
  readonly #secureContext: SecureContext | undefined;
  readonly #servers: Server[] = [];
  readonly #streams = new Set<Duplex>();
  readonly #sessions = new Set<Promise<void>>();
  readonly #perAddress = new Map<string, number>();

  constructor(options: ImapServerOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#limits = { ...DEFAULT_IMAP_LIMITS, ...options.limits };
    this.#handlers = commandRegistry(options.handlers ?? COMMAND_HANDLERS);
    this.#hub = new WatchHub(options.store);
    this.#accounts = new AccountSessions(this.#limits.maxConnectionsPerAccount);
    this.#secureContext = options.tls === undefined ? undefined : createSecureContext({ key: options.tls.key, cert: options.tls.cert });
  }

  /** Starts the configured listeners; resolves where they are (port 0 picks a free one). */
  async listen(): Promise<ImapAddresses> {
    const addresses: ImapAddresses = { imap: null, imaps: null };
    const { imap = {}, imaps = false } = this.#options;
    if (imap !== false) {
      const server = createServer((socket) => this.#accept(socket, false));
      addresses.imap = await this.#bind(server, imap.host ?? '127.0.0.1', imap.port ?? 143);
    }
    if (imaps !== false) {
      const tls = this.#options.tls;
      if (tls === undefined) throw new Error('The IMAPS listener needs tls: { key, cert }');
      // tls.Server builds its context from key and cert; it ignores a `secureContext` option.
      const server = createTlsServer({ key: tls.key, cert: tls.cert }, (socket) => this.#accept(socket, true));
      server.on('tlsClientError', (error) => this.#logger.debug({ err: error }, 'imap: TLS handshake failed'));
      addresses.imaps = await this.#bind(server, imaps.host ?? '127.0.0.1', imaps.port ?? 993);
    }
    return addresses;
  }

  /**
   * Runs one session over `stream` (a socket, or one end of {@link memoryDuplexPair} in tests);
   * resolves when the session ends.
   */
  connect(stream: Duplex, options: { secure?: boolean; remoteAddress?: string } = {}): Promise<void> {
    const session = new ImapSession({
      stream,
      store: this.#options.store,
      directory: this.#options.directory,
      logger: this.#logger,
      hub: this.#hub,
      accounts: this.#accounts,
      handlers: this.#handlers,
      limits: this.#limits,
      hostname: this.#options.hostname,
      secure: options.secure ?? false,
      allowInsecureAuth: this.#options.allowInsecureAuth ?? false,
      ...(this.#options.literals === undefined ? {} : { literals: this.#options.literals }),
      ...(this.#secureContext === undefined ? {} : { secureContext: this.#secureContext }),
      ...(options.remoteAddress === undefined ? {} : { remoteAddress: options.remoteAddress }),
      ...(this.#options.sleep === undefined ? {} : { sleep: this.#options.sleep }),
    });
    this.#streams.add(stream);
    const running = session.run().finally(() => {
      this.#streams.delete(stream);
      this.#sessions.delete(running);
    });
    this.#sessions.add(running);
    return running;
  }

  /** Stops listening, tells every session `BYE` and waits for them to end. */
  /** IMAP sessions open now (for the `posthouse_sessions_open` gauge). */
  get openSessions(): number {
    return this.#sessions.size;
  }

  async close(): Promise<void> {
    await Promise.all(this.#servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    this.#servers.length = 0;
    for (const stream of this.#streams) {
      if (stream.writable) stream.write('* BYE Server shutting down\r\n');
      stream.end();
      stream.destroy();
    }
    await Promise.all([...this.#sessions]);
  }

  #accept(socket: Socket, secure: boolean): void {
    // Responses go out in several writes (untagged lines, then the tagged reply): with Nagle on, the
    // last one waits for the client's delayed ACK, ~40 ms per command on Linux.
    socket.setNoDelay(true);
    const address = socket.remoteAddress ?? 'unknown';
    const fromAddress = this.#perAddress.get(address) ?? 0;
    if (this.#streams.size >= this.#limits.maxConnections || fromAddress >= this.#limits.maxConnectionsPerIp) {
      socket.on('error', () => {});
      socket.end('* BYE [UNAVAILABLE] Too many connections, try again later\r\n');
      return;
    }
    this.#perAddress.set(address, fromAddress + 1);
    void this.connect(socket, { secure, remoteAddress: address }).finally(() => {
      const left = (this.#perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.#perAddress.set(address, left);
      else this.#perAddress.delete(address);
      // Destroying at once would drop the BYE and tagged OK that TLS has not written yet.
      if (socket.writableFinished) socket.destroy();
      else {
        socket.once('finish', () => socket.destroy());
        setTimeout(() => socket.destroy(), 5000).unref();
      }
    });
  }

  async #bind(server: Server, host: string, port: number): Promise<{ host: string; port: number }> {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.#servers.push(server);
    return { host, port: (server.address() as AddressInfo).port };
  }
}
