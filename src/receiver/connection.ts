import type net from 'node:net';
import type tls from 'node:tls';
import type { SMTPServer } from 'smtp-server';
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js';
import type { SMTPStream } from 'smtp-server/lib/smtp-stream.js';
import type { RejectedEvent } from '../interfaces/events.js';
import type { SmtpError } from '../errors/smtp-error.js';
import { feedDataStream } from './data-scanner.js';
import { Refusals } from './refusals.js';
import { splitReplyText, toWireError } from './wire-error.js';

/** What a {@link ReceiverConnection} needs to know beyond smtp-server's options. */
export interface ConnectionPolicy {
  hostname: string;
  maxCommandsBeforeMail: number;
  /** Whether AUTH is configured at all. */
  authEnabled: boolean;
  allowInsecureAuth: boolean;
  /** Called for every reply of 400 or more, exactly as sent. */
  onRefusal(refusal: Omit<RejectedEvent, 'remoteAddress'>, connection: ReceiverConnection): void;
}

type Stage = RejectedEvent['stage'];

/** Commands whose positive replies may wait for the end of the event-loop turn (RFC 2920 groups them). */
const COALESCED_COMMANDS = new Set(['MAIL', 'RCPT', 'DATA', 'RSET', 'NOOP']);

const STAGE_OF_COMMAND: Readonly<Record<string, Stage>> = {
  EHLO: 'helo', HELO: 'helo', AUTH: 'auth', MAIL: 'mail', RCPT: 'rcpt', DATA: 'data',
};

/**
 * One client session: smtp-server's connection with the few things posthouse needs at the wire.
 * - Replies whose text starts with an enhanced status code (see {@link toWireError}) are sent as
 *   they are; every other failure reply gets smtp-server's code for it (RFC 2034: every 2xx, 4xx
 *   and 5xx reply after EHLO carries one).
 * - Every failure reply is reported with the stage of the command it answers; replies to
 *   commands outside the named stages (NOOP, RSET, unknown ones, the idle timeout) count as
 *   `connect`, the connection-level stage.
 * - AUTH is only offered and accepted once the connection is encrypted (RFC 4954 §4, §6).
 * - Commands outside a mail transaction are bounded by `maxCommandsBeforeMail`.
 * - The positive replies to a pipelined MAIL/RCPT/DATA group (up to the 354) leave in one write
 *   at the end of the event-loop turn (RFC 2920 §3.2 allows it), not one write each: a small write to a
 *   socket was a third of the receiver's time under load. Every other reply flushes what is
 *   held first, so nothing is held across a STARTTLS upgrade, a 4xx/5xx or a close.
 */
export class ReceiverConnection extends SMTPConnection {
  readonly #policy: ConnectionPolicy;
  #command: string | null = null;
  #address: string | undefined;
  #commandsOutsideTransaction = 0;
  /** The socket corked for the replies of this turn, if any. */
  #corked: net.Socket | tls.TLSSocket | null = null;

  constructor(server: SMTPServer, socket: net.Socket | tls.TLSSocket, options: SMTPConnectionOptions | undefined, policy: ConnectionPolicy) {
    super(server, socket, options);
    this.#policy = policy;
  }

  /** Sends `error` and closes the connection at once, whatever the client is in the middle of. */
  abort(error: SmtpError): void {
    this.send(error.responseCode, toWireError(error).message);
    this.close();
  }

  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    const text = Array.isArray(data) ? (data[data.length - 1] ?? '') : (data ?? '');
    const { enhancedCode: carried, message } = splitReplyText(text);
    let effectiveContext = context;
    if (carried) effectiveContext = false;
    else if (context === false && code >= 400) effectiveContext = undefined;
    // the 250 that ends DATA is the last reply of its transaction: nothing can join it, so it goes now
    const endsTransaction = this.#command === 'DATA' && code === 250;
    if (code < 400 && !endsTransaction && this.#command !== null && COALESCED_COMMANDS.has(this.#command) && !this._upgrading) this.#cork();
    else this.#uncork();
    super.send(code, data, effectiveContext);
    if (code < 400) return;
    const enhancedCode = carried ?? this._getEnhancedStatusCode(code, effectiveContext);
    const stage: Stage = (this.#command && STAGE_OF_COMMAND[this.#command]) || 'connect';
    const address = stage === 'mail' || stage === 'rcpt' ? this.#address : undefined;
    this.#policy.onRefusal({ stage, responseCode: code, enhancedCode, message, ...(address === undefined ? {} : { address }) }, this);
  }

  /** smtp-server's parser, reading DATA with {@link feedDataStream} (called from the constructor and on STARTTLS). */
  override _createParser(): SMTPStream {
    const parser = super._createParser();
    parser._feedDataStream = feedDataStream;
    return parser;
  }

  override _onCommand(command: Buffer, callback?: () => void): void {
    // an AUTH continuation line (a base64 credential) is neither a command nor to be looked at
    if (!this._nextHandler) {
      const line = command.toString('utf8');
      const space = line.indexOf(' ');
      this.#command = (space < 0 ? line : line.slice(0, space)).toUpperCase();
      this.#address = /<([^<>]*)>/.exec(line)?.[1];
      if (this.#overCommandLimit()) {
        this.abort(Refusals.tooManyCommands(this.#policy.hostname));
        return;
      }
    }
    super._onCommand(command, callback);
  }

  override handler_EHLO(command: Buffer, callback: () => void): void {
    if (!this.#authOffered()) {
      // smtp-server lists AUTH whenever the command is enabled; a per-session list hides it
      // for this one reply only, so that AUTH can still be answered 538 below
      this.session.disabledCommands = [...this._server.options.disabledCommands, 'AUTH'];
      try {
        super.handler_EHLO(command, callback);
      } finally {
        delete this.session.disabledCommands;
      }
      return;
    }
    super.handler_EHLO(command, callback);
  }

  override handler_AUTH(command: Buffer, callback: () => void): void {
    // smtp-server only refuses clear-text AUTH when STARTTLS is on offer; refuse it always
    if (!this.session.secure && !this.#policy.allowInsecureAuth) {
      this.send(538, toWireError(Refusals.encryptionRequired()).message);
      callback();
      return;
    }
    super.handler_AUTH(command, callback);
  }

  #cork(): void {
    if (this.#corked !== null) return;
    const socket = this._socket;
    this.#corked = socket;
    socket.cork();
    setImmediate(() => this.#uncork());
  }

  #uncork(): void {
    const socket = this.#corked;
    if (socket === null) return;
    this.#corked = null;
    socket.uncork();
  }

  #authOffered(): boolean {
    return this.#policy.authEnabled && (this.session.secure || this.#policy.allowInsecureAuth);
  }

  #overCommandLimit(): boolean {
    if (!this._ready || this._upgrading || this._closing) return false;
    if (this.session.envelope?.mailFrom) {
      this.#commandsOutsideTransaction = 0;
      return false;
    }
    this.#commandsOutsideTransaction += 1;
    return this.#commandsOutsideTransaction > this.#policy.maxCommandsBeforeMail;
  }
}
