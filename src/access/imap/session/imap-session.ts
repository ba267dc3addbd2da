import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setTimeout as wait } from 'node:timers/promises';
import { TLSSocket } from 'node:tls';
import { constants as zlib, createDeflateRaw, createInflateRaw } from 'node:zlib';
import type { MailboxStatus } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import type { CommandContext, ImapCommand, ImapState, OwnFlagChange, SelectedMailboxView, SessionControl, TaggedResult } from '../types.js';
import { CommandSyntaxError, parseCommand } from '../wire/command-parser.js';
import { LITERAL_MINUS_LIMIT, readCommand } from '../wire/command-reader.js';
import { InputBuffer, LINE_TOO_LONG } from '../wire/input-buffer.js';
import { capabilityList } from './capabilities.js';
import { errorReply } from './error-reply.js';
import { MailboxView } from './mailbox-view.js';
import { BatchedOutput } from './batched-output.js';
import type { ImapSessionOptions } from './session-options.js';

/** Commands that may follow `UID` (RFC 9051 §6.4.9, UIDPLUS, MOVE, SORT, THREAD). */
const UID_COMMANDS = new Set(['FETCH', 'STORE', 'COPY', 'MOVE', 'SEARCH', 'EXPUNGE', 'SORT', 'THREAD']);
/** Commands during which EXPUNGE must not be sent unless given with UID (RFC 9051 §7.5.1). */
const NO_EXPUNGE_COMMANDS = new Set(['FETCH', 'STORE', 'SEARCH', 'SORT', 'THREAD']);

/**
 * One IMAP connection from greeting to logout (RFC 9051 §3): reads commands within the limits,
 * runs their handlers in the states they allow, announces mailbox changes at the moments the RFC
 * allows, and answers every command with exactly one tagged reply. It never throws: a client's
 * bytes can only earn it a BAD, a NO or a BYE.
 */
export class ImapSession {
  readonly #options: ImapSessionOptions;
  readonly #input = new InputBuffer();
  #output: Writable;
  readonly #batch = new BatchedOutput(() => this.#output);
  #state: ImapState = 'not-authenticated';
  #account: string | null = null;
  #view: MailboxView | null = null;
  readonly #enabled = new Set<string>();
  #secure: boolean;
  #authFailures = 0;
  #startTlsPending = false;
  #compressPending = false;
  #compressed = false;
  #timer: NodeJS.Timeout | null = null;
  #changeListener: (() => void) | null = null;
  readonly context: CommandContext;

  constructor(options: ImapSessionOptions) {
    this.#options = options;
    this.#output = options.stream;
    this.#secure = options.secure;
    this.context = this.#createContext();
  }

  get state(): ImapState {
    return this.#state;
  }

  /** Runs the session until the client logs out, disconnects or times out. */
  async run(): Promise<void> {
    this.#input.attach(this.#options.stream);
    this.#options.stream.on('error', () => {});
    this.#send(`* OK [CAPABILITY ${this.#capabilities().join(' ')}] ${this.#options.hostname} IMAP4rev2 server ready`);
    try {
      while (this.#state !== 'logout') {
        this.#armTimer();
        const nonSynchronizingLimit = this.#options.literals === 'LITERAL-' ? LITERAL_MINUS_LIMIT : Number.POSITIVE_INFINITY;
        const reading = await readCommand(this.#input, this.#options.limits, () => this.#send('+ Ready for literal data'), nonSynchronizingLimit);
        if (reading.kind === 'end') break;
        this.#armTimer();
        if (reading.kind === 'unreadable') {
          const { tag, status, code, text } = reading.error;
          this.#tagged(tag, { status, text, ...(code === undefined ? {} : { code }) });
          continue;
        }
        let command: ImapCommand;
        try {
          command = parseCommand(reading.command, this.#options.limits);
        } catch (error) {
          if (!(error instanceof CommandSyntaxError)) throw error;
          this.#tagged(error.tag, { status: 'BAD', text: error.message });
          continue;
        }
        await this.#execute(command);
        await this.#drain();
      }
    } catch (error) {
      this.#options.logger.error({ err: error }, 'imap: session failed');
    } finally {
      this.#end();
    }
  }

  async #execute(command: ImapCommand): Promise<void> {
    const handler = this.#options.handlers.get(command.name);
    let result: TaggedResult;
    if (handler === undefined || (command.uid && !UID_COMMANDS.has(command.name))) {
      result = { status: 'BAD', text: `Unknown command ${command.uid ? 'UID ' : ''}${command.name.slice(0, 40)}` };
    } else if (!handler.states.includes(this.#state)) {
      result = { status: 'BAD', text: `${command.name} is not valid in the ${this.#state} state` };
    } else {
      try {
        result = await handler.handle(this.context, command);
      } catch (error) {
        result = errorReply(error, this.#options.logger);
      }
    }
    if (this.#view !== null) this.#flush(!(NO_EXPUNGE_COMMANDS.has(command.name) && !command.uid));
    this.#tagged(command.tag, result);
    if (this.#startTlsPending) await this.#startTls();
    if (this.#compressPending) this.#compress();
  }

  #tagged(tag: string, result: TaggedResult): void {
    const code = result.code === undefined ? '' : `[${result.code}] `;
    this.#send(`${tag} ${result.status} ${code}${result.text}`);
  }

  #send(line: string): void {
    this.#batch.write(`${line}\r\n`);
    this.#batch.flush();
  }

  #flush(expunges: boolean): void {
    const view = this.#view;
    if (view === null || !view.hasPending) return;
    view.flush((line) => this.#send(`* ${line}`), { expunges, qresync: this.#enabled.has('QRESYNC') });
  }

  /** Waits while the output holds more than it wants; a batch still gathering is no reason to wait. */
  async #drain(): Promise<void> {
    const output = this.#output;
    if (!output.writableNeedDrain || output.destroyed) return;
    // The listener that loses the race is removed: a long FETCH waits here many times.
    const settled = new AbortController();
    await Promise.race([once(output, 'drain', { signal: settled.signal }), once(output, 'close', { signal: settled.signal })]).catch(() => {});
    settled.abort();
  }

  #capabilities(): string[] {
    return capabilityList({
      authenticated: this.#state === 'authenticated' || this.#state === 'selected',
      canStartTls: this.#canStartTls,
      plaintextAuthAllowed: this.#plaintextAuthAllowed,
      appendLimit: this.#options.limits.maxMessageSize,
      literals: this.#options.literals ?? 'LITERAL+',
      handlers: this.#options.handlers.values(),
    });
  }

  get #canStartTls(): boolean {
    return !this.#secure && this.#options.secureContext !== undefined && this.#state === 'not-authenticated';
  }

  get #plaintextAuthAllowed(): boolean {
    return this.#secure || this.#options.allowInsecureAuth;
  }

  #armTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    const timeout = this.#state === 'not-authenticated' ? this.#options.limits.preAuthTimeoutMs : this.#options.limits.idleTimeoutMs;
    this.#timer = setTimeout(() => {
      this.#send('* BYE Autologout; idle for too long');
      this.#output.end();
      // A client that never closes its side does not keep the connection.
      setTimeout(() => this.#options.stream.destroy(), 1000).unref();
    }, timeout);
    this.#timer.unref();
  }

  async #startTls(): Promise<void> {
    this.#startTlsPending = false;
    this.#input.detach();
    this.#input.discard();
    const socket = new TLSSocket(this.#options.stream as never, { isServer: true, secureContext: this.#options.secureContext! });
    socket.on('error', (error) => this.#options.logger.debug({ err: error }, 'imap: TLS failed'));
    await Promise.race([once(socket, 'secure'), once(socket, 'close')]).catch(() => {});
    this.#output = socket;
    this.#secure = true;
    this.#input.attach(socket);
  }

  /**
   * RFC 4978 §3: from here on, both directions are raw DEFLATE (RFC 1951). Every write is flushed
   * with Z_SYNC_FLUSH, so each response reaches the client whole instead of waiting in the
   * compressor; input that arrived before the switch is already compressed and goes through the
   * inflater first.
   */
  #compress(): void {
    this.#compressPending = false;
    this.#compressed = true;
    const stream = this.#options.stream;
    const inflate = createInflateRaw();
    const deflate = createDeflateRaw({ flush: zlib.Z_SYNC_FLUSH });
    const fail = (error: Error): void => {
      this.#options.logger.debug({ err: error }, 'imap: DEFLATE stream failed');
      stream.destroy();
    };
    inflate.on('error', fail);
    deflate.on('error', fail);
    this.#input.detach();
    const early = this.#input.takeBuffered();
    this.#input.attach(inflate);
    if (early.length > 0) inflate.write(early);
    stream.pipe(inflate);
    deflate.pipe(stream);
    this.#output = deflate;
  }

  #end(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#closeView();
    if (this.#account !== null) this.#options.accounts.release(this.#account);
    this.#account = null;
    this.#state = 'logout';
    this.#input.detach();
    this.#batch.flush();
    if (!this.#output.writableEnded) this.#output.end();
  }

  #closeView(): void {
    if (this.#view === null) return;
    this.#view.onChange = null;
    this.#options.hub.remove(this.#view);
    this.#view = null;
  }

  #createContext(): CommandContext {
    const session = this;
    const options = this.#options;
    const control: SessionControl = {
      capabilities: () => this.#capabilities(),
      authenticate: (account) => {
        if (!options.accounts.acquire(account)) throw new ImapError('NO', 'Too many sessions for this account', 'LIMIT');
        this.#account = account;
        this.#state = 'authenticated';
      },
      authenticationFailed: async () => {
        this.#authFailures++;
        await (options.sleep ?? wait)(options.limits.authFailureDelayMs * this.#authFailures);
        if (this.#authFailures >= options.limits.maxAuthFailures) {
          this.#send('* BYE Too many failed authentications');
          this.#state = 'logout';
        }
      },
      get plaintextAuthAllowed() {
        return session.#plaintextAuthAllowed;
      },
      select: (mailbox, readOnly) => this.#select(mailbox, readOnly),
      unselect: () => {
        this.#closeView();
        if (this.#state === 'selected') this.#state = 'authenticated';
      },
      enable: (capability) => {
        this.#enabled.add(capability);
        if (capability === 'QRESYNC') this.#enabled.add('CONDSTORE');
        if (this.#view !== null && this.#enabled.has('CONDSTORE')) this.#view.condstore = true;
      },
      logout: () => {
        this.#state = 'logout';
      },
      get canStartTls() {
        return session.#canStartTls;
      },
      startTlsAfterReply: () => {
        this.#startTlsPending = true;
      },
      get compressed() {
        return session.#compressed;
      },
      compressAfterReply: () => {
        this.#compressPending = true;
      },
      setChangeListener: (listener) => {
        this.#changeListener = listener;
        if (this.#view !== null) this.#view.onChange = listener;
      },
    };
    return {
      store: options.store,
      directory: options.directory,
      logger: options.logger,
      get state() {
        return session.#state;
      },
      get account() {
        return session.#account;
      },
      get selected(): SelectedMailboxView | null {
        return session.#view;
      },
      enabled: this.#enabled,
      get secure() {
        return session.#secure;
      },
      untagged: (...parts) => {
        this.#batch.write('* ');
        for (const part of parts) this.#batch.write(part);
        this.#batch.write('\r\n');
      },
      continuation: (text) => this.#send(`+ ${text}`),
      flushUpdates: async (flushOptions) => this.#flush(flushOptions?.expunges ?? true),
      suppressFlagEcho: (changes: readonly OwnFlagChange[]) => this.#view?.suppressFlagEcho(changes),
      drain: () => this.#drain(),
      readLine: async () => {
        const line = await this.#input.readLine(options.limits.maxLineLength);
        this.#armTimer();
        return line === LINE_TOO_LONG ? null : line;
      },
      session: control,
    };
  }

  async #select(mailbox: MailboxStatus, readOnly: boolean): Promise<SelectedMailboxView> {
    this.#closeView();
    this.#state = 'authenticated';
    const view = new MailboxView(mailbox, readOnly);
    this.#options.hub.add(view);
    try {
      const messages = await this.#options.store.listMessages(mailbox.account, mailbox.name);
      view.load(messages.map((message) => message.uid));
      // SELECT's `[UNSEEN n]` comes from this same listing: a 100,000-message mailbox is listed once.
      view.firstUnseenUid = messages.find((message) => !message.flags.includes('\\Seen'))?.uid ?? null;
    } catch (error) {
      this.#options.hub.remove(view);
      throw error;
    }
    view.condstore = this.#enabled.has('CONDSTORE');
    view.onChange = this.#changeListener;
    this.#view = view;
    this.#state = 'selected';
    return view;
  }
}
