import type net from 'node:net';
import type tls from 'node:tls';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js';
import { ReceiverConnection, type ConnectionPolicy } from './connection.js';

/**
 * smtp-server's server, making {@link ReceiverConnection}s and keeping them by session id, so a
 * stage handler that only gets the session can still act on its connection (close it mid-DATA).
 */
export class ReceiverSmtpServer extends SMTPServer {
  readonly #policy: ConnectionPolicy;
  readonly #bySessionId = new Map<string, ReceiverConnection>();

  constructor(options: SMTPServerOptions, policy: ConnectionPolicy) {
    super(options);
    this.#policy = policy;
  }

  /** The open connection of a session, if it is still open. */
  connectionOf(sessionId: string): ReceiverConnection | undefined {
    return this.#bySessionId.get(sessionId);
  }

  /** Every connection still open. */
  openConnections(): ReceiverConnection[] {
    return [...this.#bySessionId.values()];
  }

  /** Forgets a session once its connection has closed. */
  forget(sessionId: string): void {
    this.#bySessionId.delete(sessionId);
  }

  // the same steps as SMTPServer.connect, with our connection class
  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: SMTPConnectionOptions | null): void {
    const connection = new ReceiverConnection(this, socket, socketOptions ?? undefined, this.#policy);
    this.connections.add(connection);
    this.#bySessionId.set(connection.id, connection);
    connection.on('error', (error: Error) => this._onError(error));
    connection.on('connect', (info) => this._onClientConnect(info));
    connection.init();
  }
}
