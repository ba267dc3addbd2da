import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import type { Logger } from '../../interfaces/logger.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import { CommandReader, type SieveCommand } from './command-reader.js';
import { sieveString, statusLine } from './responses.js';
import { refusal, SCRIPT_COMMANDS } from './script-commands.js';

/** What every session of one server shares. */
export interface SessionSettings {
  scripts: ScriptStore;
  /** Checks a user name and password; resolves the account, or null. */
  authenticate(username: string, password: string): Promise<string | null>;
  /** The Sieve extensions the engine supports, for the SIEVE capability. */
  extensions: readonly string[];
  tls: SecureContext | null;
  allowInsecureAuth: boolean;
  logger: Logger;
}

/** Failed AUTHENTICATE attempts before the session is closed. */
const MAX_AUTH_FAILURES = 3;

/**
 * One ManageSieve connection (RFC 5804): capabilities, STARTTLS, AUTHENTICATE PLAIN (only over
 * TLS unless `allowInsecureAuth`), then the script commands on the authenticated account.
 * Commands run one at a time in the order they came.
 */
export class ManageSieveSession {
  readonly #settings: SessionSettings;
  #socket: Socket;
  #reader: CommandReader;
  #account: string | null = null;
  #secure = false;
  #authFailures = 0;
  #awaitingSasl = false;
  #tail: Promise<void> = Promise.resolve();

  constructor(socket: Socket, settings: SessionSettings) {
    this.#settings = settings;
    this.#socket = socket;
    this.#reader = this.#newReader();
    this.#attach(socket);
    this.#write(this.#capabilities());
  }

  #newReader(): CommandReader {
    return new CommandReader({ maxLineBytes: 8192, maxLiteralBytes: this.#settings.scripts.limits.maxScriptBytes + 1024 });
  }

  #attach(socket: Socket): void {
    socket.on('data', (chunk: Buffer) => {
      for (const result of this.#reader.push(chunk)) {
        this.#tail = this.#tail.then(() => (result.kind === 'error' ? this.#write(statusLine('NO', result.message, result.code)) : this.#run(result.command)));
      }
    });
    socket.on('error', (error) => this.#settings.logger.debug({ error: error.message }, 'managesieve connection failed'));
  }

  async #run(command: SieveCommand): Promise<void> {
    if (this.#socket.destroyed) return;
    if (this.#awaitingSasl) return this.#finishPlain(command.verbatim === '*' ? null : command.verbatim);
    try {
      this.#write(await this.#answer(command));
    } catch (error) {
      const reply = refusal(error);
      if (reply === null) this.#settings.logger.error({ command: command.name, err: error }, 'managesieve command failed');
      this.#write(reply ?? statusLine('NO', 'Internal error; see the server log', 'TRYLATER'));
    }
  }

  async #answer({ name, args }: SieveCommand): Promise<string> {
    switch (name) {
      case 'CAPABILITY':
        return this.#capabilities();
      case 'NOOP':
        return args[0] === undefined ? statusLine('OK', 'Done') : statusLine('OK', 'Done', `TAG ${sieveString(args[0])}`);
      case 'LOGOUT':
        this.#write(statusLine('OK', 'Logout completed'));
        this.#socket.end();
        return '';
      case 'STARTTLS':
        return this.#startTls();
      case 'AUTHENTICATE':
        return this.#authenticate(args);
    }
    const handler = SCRIPT_COMMANDS[name];
    if (handler === undefined) return statusLine('NO', `Unknown command ${name.slice(0, 32)}`);
    if (this.#account === null) return statusLine('NO', 'Authenticate first');
    if (args.length < handler.min || args.length > handler.max) return statusLine('NO', `${name} takes ${handler.min === handler.max ? handler.min : `${handler.min}-${handler.max}`} arguments`);
    return handler.run(this.#settings.scripts, this.#account, args);
  }

  #capabilities(): string {
    const saslAllowed = this.#secure || this.#settings.allowInsecureAuth;
    const lines = [
      `"IMPLEMENTATION" "posthouse"`,
      `"SASL" "${saslAllowed && this.#account === null ? 'PLAIN' : ''}"`,
      `"SIEVE" ${sieveString(this.#settings.extensions.join(' '))}`,
      ...(this.#settings.tls !== null && !this.#secure ? ['"STARTTLS"'] : []),
      `"VERSION" "1.0"`,
    ];
    return `${lines.join('\r\n')}\r\n${statusLine('OK', 'posthouse ManageSieve ready')}`;
  }

  #startTls(): string {
    if (this.#settings.tls === null || this.#secure) return statusLine('NO', 'STARTTLS is not available');
    this.#write(statusLine('OK', 'Begin TLS negotiation now'));
    const plain = this.#socket;
    plain.removeAllListeners('data');
    // Bytes sent after STARTTLS in the clear are dropped, never run (command injection).
    this.#reader = this.#newReader();
    const secure = new TLSSocket(plain, { isServer: true, secureContext: this.#settings.tls });
    secure.once('secure', () => {
      this.#secure = true;
      this.#write(this.#capabilities()); // RFC 5804 §2.2: capabilities again after the handshake
    });
    this.#socket = secure;
    this.#attach(secure);
    return '';
  }

  async #authenticate(args: string[]): Promise<string> {
    if (this.#account !== null) return statusLine('NO', 'Already authenticated');
    if (!this.#secure && !this.#settings.allowInsecureAuth) return statusLine('NO', 'Use STARTTLS first', 'ENCRYPT-NEEDED');
    if ((args[0] ?? '').toUpperCase() !== 'PLAIN' || args.length > 2) return statusLine('NO', 'Only AUTHENTICATE "PLAIN" is supported');
    if (args[1] !== undefined) return this.#checkPlain(args[1]);
    this.#awaitingSasl = true;
    return '""\r\n';
  }

  async #finishPlain(response: string | null): Promise<void> {
    this.#awaitingSasl = false;
    this.#write(response === null ? statusLine('NO', 'Authentication cancelled') : await this.#checkPlain(response));
  }

  /** SASL PLAIN (RFC 4616): `authzid NUL authcid NUL password`; authzid empty or the same user. */
  async #checkPlain(encoded: string): Promise<string> {
    const [authzid, username, password, extra] = Buffer.from(encoded, 'base64').toString('utf8').split('\u0000');
    const account = username === undefined || password === undefined || extra !== undefined ? null : await this.#settings.authenticate(username, password);
    if (account === null || (authzid !== '' && authzid !== username)) {
      if (++this.#authFailures >= MAX_AUTH_FAILURES) {
        this.#write(statusLine('BYE', 'Too many failed authentications'));
        this.#socket.end();
        return '';
      }
      return statusLine('NO', 'Authentication failed');
    }
    this.#account = account;
    return statusLine('OK', 'Logged in');
  }

  #write(text: string): void {
    if (text !== '' && !this.#socket.destroyed && this.#socket.writable) this.#socket.write(text);
  }
}
