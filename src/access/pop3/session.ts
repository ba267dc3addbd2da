import type { Socket } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { MessageSource } from '../../interfaces/message.js';
import { ByteStuffer } from './byte-stuffer.js';
import { POP3_COMMANDS } from './commands/index.js';
import type { Pop3Context, Pop3State } from './commands/types.js';
import { LineReader, type ReadLine } from './line-reader.js';
import type { Maildrop } from './maildrop.js';
import type { MaildropLocks } from './maildrop-lock.js';
import type { ResolvedPop3Options } from './options.js';
import { toPop3Error } from './pop3-error.js';
import { SessionSocket } from './session-socket.js';

/** Size of the batches a long LIST or UIDL listing is written in. */
const LISTING_BATCH_OCTETS = 16 * 1024;

/**
 * One POP3 session (RFC 1939 §3): the greeting, then one command at a time in the order the
 * client sent them (RFC 2449 §6.6 PIPELINING), each answered by exactly one reply; through the
 * AUTHORIZATION, TRANSACTION and UPDATE states. The maildrop lock is released however it ends.
 */
export class Pop3Session implements Pop3Context {
  readonly options: ResolvedPop3Options;
  readonly locks: MaildropLocks;
  state: Pop3State = 'authorization';
  pendingUser: string | null = null;
  maildrop: Maildrop | null = null;
  authFailures = 0;
  readonly #connection: SessionSocket;
  #ending = false;


  constructor(socket: Socket, options: ResolvedPop3Options, locks: MaildropLocks, secureContext: SecureContext | null, secure: boolean) {
    this.options = options;
    this.locks = locks;
    this.#connection = new SessionSocket(socket, {
      reader: new LineReader(options.limits.maxLineLength),
      idleTimeoutMs: options.limits.idleTimeoutMs,
      secureContext,
      secure,
      logger: options.logger,
    });
  }

  get secure(): boolean {
    return this.#connection.secure;
  }

  /** Sends the greeting and serves commands until QUIT, a disconnect, the idle timeout or {@link shutdown}. */
  async run(): Promise<void> {
    try {
      await this.reply(`+OK ${this.options.hostname} posthouse POP3 ready.`);
      while (!this.#ending) {
        const line = await this.#connection.nextLine();
        if (line === null) break;
        await this.#dispatch(line);
      }
    } finally {
      if (this.maildrop !== null) this.locks.release(this.maildrop.account);
      await this.#connection.close(this.#connection.shuttingDown ? '-ERR [SYS/TEMP] Server shutting down.' : null);
    }
  }

  /** Asks the session to end: at once when it waits for a command, else after the current one. */
  shutdown(): void {
    this.#connection.shutdown();
  }

  /** Ends the connection without a goodbye (the grace period of a server close ran out). */
  destroy(): void {
    this.#connection.destroy();
  }


  async #dispatch(line: ReadLine): Promise<void> {
    if (line.kind === 'too-long') {
      await this.reply('-ERR Line too long.');
      return;
    }
    const space = line.text.indexOf(' ');
    const keyword = (space === -1 ? line.text : line.text.slice(0, space)).toUpperCase();
    const argument = space === -1 ? '' : line.text.slice(space + 1);
    const command = POP3_COMMANDS.get(keyword);
    if (command === undefined) {
      await this.reply('-ERR Unknown command.');
      return;
    }
    if (!command.states.includes(this.state)) {
      await this.reply(`-ERR ${keyword} is not valid in the ${this.state.toUpperCase()} state.`);
      return;
    }
    try {
      await command.run(this, argument);
    } catch (error) {
      const reply = toPop3Error(error);
      if (reply.logReason !== undefined) this.options.logger.warn({ command: keyword, reason: reply.logReason }, 'pop3: command failed');
      await this.reply(reply.toString());
    }
    if (this.state === 'update') this.#ending = true;
  }

  // --- Pop3Context ---

  async reply(line: string): Promise<void> {
    await this.#connection.write(`${line}\r\n`);
  }

  async replyLines(status: string, lines: Iterable<string>): Promise<void> {
    let batch = `${status}\r\n`;
    for (const line of lines) {
      batch += line.startsWith('.') ? `.${line}\r\n` : `${line}\r\n`;
      if (batch.length >= LISTING_BATCH_OCTETS) {
        await this.#connection.write(batch);
        batch = '';
      }
    }
    await this.#connection.write(`${batch}.\r\n`);
  }

  async replyMessage(status: string, source: MessageSource, bodyLines?: number): Promise<void> {
    await this.reply(status);
    const stuffer = new ByteStuffer(bodyLines === undefined ? {} : { bodyLines });
    const stream = source.read();
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        for (const piece of stuffer.push(chunk)) await this.#connection.write(piece);
        if (stuffer.complete || this.#connection.closed) break;
      }
    } catch (error) {
      // The +OK is out: no -ERR can follow. Cutting the connection tells the client the reply is incomplete.
      this.options.logger.error({ reason: error instanceof Error ? error.message : String(error) }, 'pop3: reading a message failed mid-reply');
      this.#connection.destroy();
      return;
    } finally {
      stream.destroy();
    }
    await this.#connection.write(stuffer.end());
  }

  readLine(): Promise<ReadLine | null> {
    return this.#connection.nextLine();
  }

  enterTransaction(maildrop: Maildrop): void {
    this.maildrop = maildrop;
    this.pendingUser = null;
    this.state = 'transaction';
  }

  enterUpdate(): void {
    this.state = 'update';
  }

  endSession(): void {
    this.#ending = true;
  }

  async startTls(): Promise<void> {
    this.pendingUser = null;
    await this.#connection.startTls();
  }
}
