import net from 'node:net';
import tls from 'node:tls';
import { SmtpError } from '../../src/errors/smtp-error.js';
import type { DeliveryAgent, DeliveryOutcome } from '../../src/interfaces/delivery.js';
import type { Envelope, SessionInfo } from '../../src/interfaces/envelope.js';
import type { RejectedEvent, ReceivedEvent } from '../../src/interfaces/events.js';
import type { MessageSource } from '../../src/interfaces/message.js';
import { Receiver, type ReceiverOptions } from '../../src/receiver/index.js';

/** A message as the fake agent got it. */
export interface StoredMessage {
  envelope: Envelope;
  bytes: Buffer;
}

/**
 * An agent that knows `unknown@…` (550 5.1.1) and `@elsewhere.test` (550 5.7.1), stores what it
 * is given, and can be told to fail or to hold deliveries.
 */
export class FakeAgent implements DeliveryAgent {
  readonly messages: StoredMessage[] = [];
  readonly checked: Array<{ address: string; session: SessionInfo }> = [];
  failWith: unknown = null;
  /** When set, deliver waits for it before storing. */
  gate: Promise<void> | null = null;
  /** When true, deliver only counts bytes (for the big-message tests). */
  countOnly = false;
  countedBytes = 0;

  async checkRecipient(address: string, session: SessionInfo): Promise<void> {
    this.checked.push({ address, session });
    if (address.startsWith('unknown@')) throw new SmtpError(550, '5.1.1', 'Mailbox unavailable');
    if (address.endsWith('@elsewhere.test')) throw new SmtpError(550, '5.7.1', 'Relay access denied');
    if (address.startsWith('broken@')) throw new Error('directory offline');
  }

  /** Resolves once deliver has been called (the message is in). */
  readonly deliverCalled: Promise<void>;
  #deliverCalled!: () => void;

  constructor() {
    this.deliverCalled = new Promise((resolve) => (this.#deliverCalled = resolve));
  }

  async deliver(envelope: Envelope, source: MessageSource): Promise<DeliveryOutcome> {
    this.#deliverCalled();
    if (this.gate) await this.gate;
    if (this.failWith) throw this.failWith;
    if (this.countOnly) {
      for await (const chunk of source.read()) this.countedBytes += (chunk as Buffer).length;
    } else {
      this.messages.push({ envelope, bytes: await source.buffer() });
    }
    return { envelopeId: envelope.id, recipients: envelope.rcptTo.map((recipient) => ({ recipient, filed: [] })) };
  }
}

/** A started receiver with its agent and what it emitted. */
export interface Harness {
  receiver: Receiver;
  agent: FakeAgent;
  port: number;
  rejected: RejectedEvent[];
  received: ReceivedEvent[];
  close(): Promise<void>;
}

export async function startReceiver(options: Partial<ReceiverOptions> = {}): Promise<Harness> {
  const agent = (options.agent as FakeAgent | undefined) ?? new FakeAgent();
  const receiver = new Receiver({ hostname: 'mx.test', ...options, agent });
  const rejected: RejectedEvent[] = [];
  const received: ReceivedEvent[] = [];
  receiver.on('rejected', (event) => rejected.push(event));
  receiver.on('received', (event) => received.push(event));
  const { port } = await receiver.listen();
  return { receiver, agent, port, rejected, received, close: () => receiver.close({ graceMs: 200 }) };
}

/** A raw SMTP client for exact bytes and exact reply lines. */
export class RawClient {
  readonly socket: net.Socket | tls.TLSSocket;
  #buffer = '';
  #waiters: Array<() => void> = [];
  #ended = false;

  private constructor(socket: net.Socket | tls.TLSSocket) {
    this.socket = socket;
    socket.on('data', (data: Buffer) => {
      this.#buffer += data.toString('utf8');
      this.#wake();
    });
    socket.on('close', () => {
      this.#ended = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  static async connect(port: number, options: { tls?: boolean } = {}): Promise<RawClient> {
    const socket = options.tls
      ? tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false })
      : net.connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.tls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    return new RawClient(socket);
  }

  /** Connects and reads the greeting. */
  static async open(port: number, options: { tls?: boolean } = {}): Promise<RawClient> {
    const client = await RawClient.connect(port, options);
    await client.reply();
    return client;
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }

  /** The next complete reply, as its lines without CRLF. Rejects if the connection closes first. */
  async reply(): Promise<string[]> {
    for (;;) {
      const lines = this.#buffer.split('\r\n');
      for (let index = 0; index < lines.length - 1; index += 1) {
        if (/^\d{3} /.test(lines[index]!) || /^\d{3}$/.test(lines[index]!)) {
          const reply = lines.slice(0, index + 1);
          this.#buffer = lines.slice(index + 1).join('\r\n');
          return reply;
        }
      }
      if (this.#ended) throw new Error(`connection closed; unread: ${JSON.stringify(this.#buffer)}`);
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** The last line of the next reply. */
  async line(): Promise<string> {
    const lines = await this.reply();
    return lines[lines.length - 1]!;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Sends one command line and returns the last line of its reply. */
  async command(line: string): Promise<string> {
    this.write(`${line}\r\n`);
    return this.line();
  }

  /** Resolves once the server has closed the connection. */
  async closed(): Promise<void> {
    while (!this.#ended) await new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  /** Whatever arrived that is not a complete reply yet. */
  get unread(): string {
    return this.#buffer;
  }

  get isClosed(): boolean {
    return this.#ended;
  }

  /** After `220 Ready to start TLS`: a client speaking over TLS on the same connection. */
  async startTls(): Promise<RawClient> {
    this.socket.removeAllListeners('data');
    this.socket.removeAllListeners('close');
    const secure = tls.connect({ socket: this.socket, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secure.once('secureConnect', () => resolve());
      secure.once('error', reject);
    });
    return new RawClient(secure);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** MAIL, one RCPT and DATA, up to the 354. */
export async function openTransaction(client: RawClient, recipient = 'alice@example.test'): Promise<void> {
  for (const line of ['MAIL FROM:<sender@client.test>', `RCPT TO:<${recipient}>`, 'DATA']) {
    const reply = await client.command(line);
    if (!/^(250|354)/.test(reply)) throw new Error(`${line} -> ${reply}`);
  }
}

/** Opens a raw connection and says EHLO; returns the client and the EHLO reply lines. */
export async function ehlo(port: number, name = 'client.test', options: { tls?: boolean } = {}): Promise<{ client: RawClient; lines: string[] }> {
  const client = await RawClient.open(port, options);
  client.write(`EHLO ${name}\r\n`);
  return { client, lines: await client.reply() };
}
