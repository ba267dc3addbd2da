import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Logger } from '../../interfaces/logger.js';
import type { LineReader, ReadLine } from './line-reader.js';

/** Lines read ahead of the session (pipelined commands) before the socket is paused. */
const MAX_QUEUED_LINES = 64;

/** How long a closing connection may take to flush its last bytes before it is cut. */
const CLOSE_GRACE_MS = 5000;

/** How a {@link SessionSocket} reads, times out and upgrades. */
export interface SessionSocketOptions {
  reader: LineReader;
  idleTimeoutMs: number;
  /** For STLS; null when the server has no certificate. */
  secureContext: SecureContext | null;
  /** Whether the socket is already TLS (an implicit-TLS listener). */
  secure: boolean;
  logger: Logger;
}

/**
 * The connection under a POP3 session: turns bytes into queued command lines with back-pressure
 * (the socket pauses while the session is behind), writes with back-pressure, closes idle
 * connections (RFC 1939 §3 autologout), and swaps itself for TLS on STLS (RFC 2595 §4).
 */
export class SessionSocket {
  #socket: Socket;
  readonly #options: SessionSocketOptions;
  readonly #queue: ReadLine[] = [];
  #wake: (() => void) | null = null;
  #closed = false;
  #shuttingDown = false;
  #secure: boolean;

  constructor(socket: Socket, options: SessionSocketOptions) {
    this.#socket = socket;
    this.#options = options;
    this.#secure = options.secure;
    this.#attach(socket);
  }

  get secure(): boolean {
    return this.#secure;
  }

  get closed(): boolean {
    return this.#closed;
  }

  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** The next command line, or null once the client is gone or the server shuts down. */
  async nextLine(): Promise<ReadLine | null> {
    for (;;) {
      if (this.#shuttingDown || this.#closed) return null;
      const line = this.#queue.shift();
      if (line !== undefined) {
        if (this.#queue.length < MAX_QUEUED_LINES / 2 && this.#socket.isPaused()) this.#socket.resume();
        return line;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /** Writes and waits while the client is slow to read, so memory stays bounded. */
  async write(data: string | Buffer): Promise<void> {
    if (this.#closed || this.#socket.destroyed) return;
    if (this.#socket.write(data)) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.#socket.off('drain', done);
        this.#socket.off('close', done);
        resolve();
      };
      this.#socket.on('drain', done);
      this.#socket.on('close', done);
    });
  }

  /** Negotiates TLS as the server on this connection; lines sent before it are dropped. */
  async startTls(): Promise<void> {
    if (this.#options.secureContext === null || this.#closed) return;
    const plain = this.#socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    plain.removeAllListeners('timeout');
    plain.setTimeout(0);
    this.#queue.length = 0;
    this.#options.reader.reset();
    const secured = new TLSSocket(plain, { isServer: true, secureContext: this.#options.secureContext });
    this.#socket = secured;
    this.#attach(secured);
    await new Promise<void>((resolve) => {
      secured.once('secure', resolve);
      secured.once('close', resolve);
    });
    if (!this.#closed) this.#secure = true;
  }

  /** Ends the session after the current command; at once when it is waiting for one. */
  shutdown(): void {
    this.#shuttingDown = true;
    this.#wakeReader();
  }

  /** Sends a last line (when given and the socket is still open), then closes. */
  async close(farewell: string | null): Promise<void> {
    if (farewell !== null) await this.write(`${farewell}\r\n`);
    const socket = this.#socket;
    if (socket.destroyed) return;
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve());
      socket.end(() => socket.destroy());
      // A client that reads nothing never lets the end flush; it does not keep the socket.
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    });
  }

  destroy(): void {
    this.#socket.destroy();
  }

  #attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      for (const line of this.#options.reader.push(chunk)) this.#queue.push(line);
      if (this.#queue.length >= MAX_QUEUED_LINES) socket.pause();
      this.#wakeReader();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wakeReader();
    });
    socket.on('error', (error) => this.#options.logger.debug({ reason: error.message }, 'pop3: connection error'));
    socket.setTimeout(this.#options.idleTimeoutMs);
    socket.on('timeout', () => {
      this.#options.logger.info('pop3: idle timeout');
      socket.end('-ERR Disconnected for inactivity.\r\n', () => socket.destroy());
      setTimeout(() => socket.destroy(), CLOSE_GRACE_MS).unref();
    });
  }

  #wakeReader(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
