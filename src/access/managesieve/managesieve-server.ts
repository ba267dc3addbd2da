import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext } from 'node:tls';
import { silentLogger } from '../../core/logger.js';
import type { Logger } from '../../interfaces/logger.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import { ManageSieveSession } from './session.js';

/** Options of a {@link ManageSieveServer}. */
export interface ManageSieveOptions {
  scripts: ScriptStore;
  /** Checks a user name and password; resolves the account, or null. */
  authenticate(username: string, password: string): Promise<string | null>;
  /** The Sieve extensions announced in the SIEVE capability. */
  extensions: readonly string[];
  /** Default 4190 (RFC 5804 §1.8); 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Key and certificate for STARTTLS; without them STARTTLS is not offered. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Allow AUTHENTICATE without TLS. For tests and loopback development only. */
  allowInsecureAuth?: boolean;
  /** Connections at once (default 100); more are refused with BYE. */
  maxConnections?: number;
  /** Idle connections are closed after this long (default 30 minutes, RFC 5804 §1.10 leaves it open). */
  idleTimeoutMs?: number;
  logger?: Logger;
}

/**
 * A ManageSieve server (RFC 5804) on the script store, so Thunderbird's and Roundcube's Sieve
 * editors can list, upload, check and activate an account's scripts.
 *
 * @example
 * const sieve = new ManageSieveServer({ scripts, extensions: ['fileinto'], authenticate, port: 4190 });
 * await sieve.listen();
 */
export class ManageSieveServer {
  readonly #options: ManageSieveOptions;
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();

  constructor(options: ManageSieveOptions) {
    this.#options = options;
    const settings = {
      scripts: options.scripts,
      authenticate: options.authenticate,
      extensions: options.extensions,
      tls: options.tls === undefined ? null : createSecureContext({ key: options.tls.key, cert: options.tls.cert }),
      allowInsecureAuth: options.allowInsecureAuth ?? false,
      logger: options.logger ?? silentLogger,
    };
    this.#server = createServer((socket) => {
      if (this.#sockets.size >= (options.maxConnections ?? 100)) {
        socket.end('BYE "Too many connections"\r\n');
        return;
      }
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.setTimeout(options.idleTimeoutMs ?? 30 * 60_000, () => socket.end('BYE "Idle for too long"\r\n'));
      new ManageSieveSession(socket, settings);
    });
  }

  /** Starts listening; resolves where. */
  async listen(): Promise<{ host: string; port: number }> {
    const host = this.#options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(this.#options.port ?? 4190, host, () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address();
    return { host, port: typeof address === 'object' && address !== null ? address.port : 0 };
  }

  /** Stops listening and closes every connection (with BYE). */
  async close(): Promise<void> {
    if (!this.#server.listening) return;
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    for (const socket of this.#sockets) socket.end('BYE "Server shutting down"\r\n');
    setTimeout(() => {
      for (const socket of this.#sockets) socket.destroy();
    }, 1000).unref();
    await closed;
  }
}
