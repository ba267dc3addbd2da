import type { SMTPServerOptions } from 'smtp-server';
import { TypedEmitter } from '../core/typed-emitter.js';
import type { MailEvents } from '../interfaces/events.js';
import type { ConnectionPolicy } from './connection.js';
import { ConnectionLimiter } from './connection-limiter.js';
import { resolveReceiverOptions, type ReceiverOptions, type ResolvedReceiverOptions } from './options.js';
import { ReceiverSmtpServer } from './smtp-server-adapter.js';
import { createAuthStage } from './stages/auth.js';
import { createConnectStage } from './stages/connect.js';
import type { StageContext } from './stages/context.js';
import { createDataStage } from './stages/data.js';
import { createMailStage } from './stages/mail.js';
import { createRcptStage } from './stages/rcpt.js';

/** Where a {@link Receiver} listens. */
export interface ReceiverAddress {
  host: string;
  port: number;
}

/**
 * The inbound SMTP server (RFC 5321, with STARTTLS RFC 3207, AUTH RFC 4954, SIZE RFC 1870,
 * 8BITMIME RFC 6152, SMTPUTF8 RFC 6531, PIPELINING RFC 2920, ENHANCEDSTATUSCODES RFC 2034).
 * It asks its {@link DeliveryAgent} about every recipient, hands it every accepted message and
 * answers 250 only once the agent has made it durable.
 *
 * @example
 * const receiver = new Receiver({ agent, hostname: 'mx.example.com' });
 * receiver.on('received', ({ envelope }) => console.log('queued', envelope.id));
 * const { port } = await receiver.listen();
 * // …
 * await receiver.close({ graceMs: 10_000 });
 */
export class Receiver extends TypedEmitter<Pick<MailEvents, 'received' | 'rejected'>> {
  readonly #options: ResolvedReceiverOptions;
  readonly #server: ReceiverSmtpServer;
  #address: ReceiverAddress | null = null;

  constructor(options: ReceiverOptions) {
    super();
    const resolved = resolveReceiverOptions(options);
    this.#options = resolved;
    const policy: ConnectionPolicy = {
      hostname: resolved.hostname,
      maxCommandsBeforeMail: resolved.limits.maxCommandsBeforeMail,
      authEnabled: resolved.authenticate !== undefined,
      allowInsecureAuth: resolved.allowInsecureAuth,
      onRefusal: (refusal, connection) => {
        const event = { ...refusal, remoteAddress: connection.remoteAddress };
        resolved.logger.info({ session: connection.id, ...event }, 'refused');
        this.emit('rejected', event);
      },
    };
    this.#server = new ReceiverSmtpServer(this.#smtpServerOptions(), policy);
    this.#server.on('error', (error: Error) => resolved.logger.warn({ err: error }, `smtp connection error: ${error.message}`));
    const context: StageContext = {
      options: resolved,
      server: this.#server,
      emitReceived: (event) => this.emit('received', event),
    };
    const limiter = new ConnectionLimiter(resolved.hostname, resolved.limits.maxConnections, resolved.limits.maxConnectionsPerIp);
    const connect = createConnectStage(context, limiter);
    const rcpt = createRcptStage(context);
    const data = createDataStage(context);
    this.#server.onConnect = connect.onConnect;
    this.#server.onClose = connect.onClose;
    this.#server.onMailFrom = createMailStage(context).onMailFrom;
    this.#server.onRcptTo = rcpt.onRcptTo;
    this.#server.onData = data.onData;
    if (resolved.authenticate) this.#server.onAuth = createAuthStage(context, resolved.authenticate).onAuth;
  }

  /** Where it listens; null before `listen()` and after `close()`. */
  get address(): ReceiverAddress | null {
    return this.#address;
  }

  /** Starts listening; resolves with the bound address (the real port when 0 was asked). */
  async listen(): Promise<ReceiverAddress> {
    const netServer = this.#server.server;
    await new Promise<void>((resolve, reject) => {
      netServer.once('error', reject);
      this.#server.listen(this.#options.port, this.#options.host, () => {
        netServer.off('error', reject);
        resolve();
      });
    });
    const bound = netServer.address();
    if (bound === null || typeof bound === 'string') throw new Error('Receiver: listener has no TCP address');
    this.#address = { host: bound.address, port: bound.port };
    this.#options.logger.info(this.#address, 'receiver listening');
    return this.#address;
  }

  /** SMTP sessions open now, refused ones until they close included (for the `posthouse_sessions_open` gauge). */
  get openSessions(): number {
    return this.#server.connections.size;
  }

  /**
   * Stops accepting connections at once, lets sessions in flight (a DATA being delivered)
   * finish for up to `graceMs` (default 30 s), then tells the rest `421` and destroys them.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    if (!this.#server.server.listening) return;
    // smtp-server reads its grace period at close(); 0 would mean its own default of 30 s
    this.#server.options.closeTimeout = Math.max(1, options.graceMs ?? 30_000);
    const closed = new Promise<void>((resolve) => this.#server.server.once('close', () => resolve()));
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    // sessions still open past the grace period got 421 and a FIN; do not wait for their clients
    for (const connection of this.#server.openConnections()) connection._socket.destroy();
    await closed;
    this.#address = null;
  }

  #smtpServerOptions(): SMTPServerOptions {
    const options = this.#options;
    const startTls = options.tls !== undefined && !options.implicitTls;
    return {
      name: options.hostname,
      heloResponse: '%s',
      secure: options.implicitTls,
      ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : {}),
      disabledCommands: [...(startTls ? [] : ['STARTTLS']), ...(options.authenticate ? [] : ['AUTH'])],
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: true,
      allowInsecureAuth: options.allowInsecureAuth,
      maxAllowedUnauthenticatedCommands: false,
      hideENHANCEDSTATUSCODES: false,
      hideDSN: true,
      hideREQUIRETLS: true,
      size: options.limits.maxMessageBytes,
      maxRecipients: options.limits.maxRecipients,
      socketTimeout: options.limits.idleTimeoutMs,
      disableReverseLookup: true,
      logger: false,
    };
  }
}
