import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { ConnectionLimits } from './connection-limits.js';
import { MaildropLocks } from './maildrop-lock.js';
import { resolvePop3Options, type Pop3ServerOptions, type ResolvedPop3Options } from './options.js';
import { Pop3Session } from './session.js';

/** Where and how one listener of a {@link Pop3Server} binds. Port 0 picks a free port. */
export interface Pop3ListenOptions {
  /** Default 110 (995 with `implicitTls`). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** TLS from the first byte (POP3S, RFC 8314 §3.3) instead of STLS. Needs the server's `tls`. */
  implicitTls?: boolean;
}

/** A bound listener. */
export interface Pop3Address {
  host: string;
  port: number;
}

/**
 * A POP3 server (RFC 1939, with RFC 2449 CAPA, RFC 5034 AUTH PLAIN and RFC 2595 STLS) over any
 * store: each account's maildrop is its INBOX. One server may listen on several ports (plain
 * with STLS, and implicit TLS); they share the maildrop locks and the connection limits.
 *
 * @example
 * const pop3 = new Pop3Server({ store, directory, tls: { key, cert } });
 * await pop3.listen({ port: 110 });
 * await pop3.listen({ port: 995, implicitTls: true });
 * // …
 * await pop3.close();
 */
export class Pop3Server {
  readonly #options: ResolvedPop3Options;
  readonly #secureContext: SecureContext | null;
  readonly #locks = new MaildropLocks();
  readonly #limits: ConnectionLimits;
  readonly #listeners = new Set<Server>();
  readonly #sessions = new Map<Pop3Session, Promise<void>>();
  readonly #handshaking = new Set<Socket>();

  constructor(options: Pop3ServerOptions) {
    this.#options = resolvePop3Options(options);
    this.#secureContext = this.#options.tls === null ? null : createSecureContext({ key: this.#options.tls.key, cert: this.#options.tls.cert });
    this.#limits = new ConnectionLimits(this.#options.limits.maxConnections, this.#options.limits.maxConnectionsPerIp);
  }

  /** Starts one listener; resolves where it is bound. */
  async listen(options: Pop3ListenOptions = {}): Promise<Pop3Address> {
    const implicitTls = options.implicitTls ?? false;
    if (implicitTls && this.#secureContext === null) throw new Error('Pop3Server: an implicit-TLS listener needs the tls option');
    const listener = createServer((socket) => this.#accept(socket, implicitTls));
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(options.port ?? (implicitTls ? 995 : 110), options.host ?? '127.0.0.1', () => {
        listener.off('error', reject);
        resolve();
      });
    });
    this.#listeners.add(listener);
    const address = listener.address();
    if (address === null || typeof address === 'string') throw new Error('Pop3Server: listener has no TCP address');
    return { host: address.address, port: address.port };
  }

  /**
   * Stops listening, asks every session to end (each finishes its current command; none enters
   * UPDATE, so nothing is deleted), and cuts those still open after `graceMs`.
   */
  /** POP3 sessions open now (for the `posthouse_sessions_open` gauge). */
  get openSessions(): number {
    return this.#sessions.size;
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    const closing = [...this.#listeners].map((listener) => new Promise<void>((resolve) => listener.close(() => resolve())));
    this.#listeners.clear();
    for (const socket of this.#handshaking) socket.destroy();
    for (const session of this.#sessions.keys()) session.shutdown();
    const finished = Promise.all(this.#sessions.values());
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.graceMs ?? 10_000)));
    await Promise.race([finished, graceOver]);
    clearTimeout(timer);
    for (const session of this.#sessions.keys()) session.destroy();
    await Promise.all([finished, ...closing]);
  }

  #accept(socket: Socket, implicitTls: boolean): void {
    const remoteAddress = socket.remoteAddress ?? 'unknown';
    socket.on('error', () => {});
    const refusal = this.#limits.admit(remoteAddress);
    if (refusal !== null) {
      this.#options.logger.info({ remoteAddress }, `pop3: ${refusal}`);
      if (implicitTls) socket.destroy();
      else socket.end(`-ERR [SYS/TEMP] ${refusal}\r\n`);
      return;
    }
    if (!implicitTls) {
      this.#startSession(socket, remoteAddress, false);
      return;
    }
    const secured = new TLSSocket(socket, { isServer: true, secureContext: this.#secureContext! });
    this.#handshaking.add(secured);
    secured.on('error', () => {});
    secured.setTimeout(this.#options.limits.idleTimeoutMs, () => secured.destroy());
    secured.once('close', () => {
      if (this.#handshaking.delete(secured)) this.#limits.release(remoteAddress);
    });
    secured.once('secure', () => {
      this.#handshaking.delete(secured);
      secured.setTimeout(0);
      this.#startSession(secured, remoteAddress, true);
    });
  }

  #startSession(socket: Socket, remoteAddress: string, secure: boolean): void {
    const session = new Pop3Session(socket, this.#options, this.#locks, this.#secureContext, secure);
    const run = session
      .run()
      .catch((error: unknown) => this.#options.logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'pop3: session failed'))
      .finally(() => {
        this.#sessions.delete(session);
        this.#limits.release(remoteAddress);
      });
    this.#sessions.set(session, run);
  }
}
