/**
 * A bare IMAP client over a socket, for measuring: it sends a command, counts what comes back
 * (untagged responses, bytes, literal bytes) and resolves on the tagged reply, without parsing or
 * keeping responses. Literals (`{n}` at a line end, RFC 9051 §4.3) are skipped by count, so a
 * 200 MB FETCH costs the client almost nothing.
 */
import { connect, type Socket } from 'node:net';

/** What one command brought back. */
export interface CommandResult {
  /** The tagged status line, e.g. `a3 OK [READ-WRITE] SELECT completed`. */
  status: string;
  /** Untagged responses (`* ...`), a literal-bearing response counting once. */
  untagged: number;
  /** Every octet received for the command, literals included. */
  bytes: number;
  /** Octets inside literals (message bodies of a FETCH BODY[]). */
  literalBytes: number;
}

interface Pending {
  tag: string;
  result: CommandResult;
  resolve: (result: CommandResult) => void;
  reject: (error: Error) => void;
}

/** One IMAP connection; commands run one at a time. */
export class BenchImapClient {
  readonly #socket: Socket;
  #line: Buffer = Buffer.alloc(0);
  #literalLeft = 0;
  #pending: Pending | null = null;
  #onContinuation: (() => void) | null = null;
  #greeting: ((line: string) => void) | null = null;
  #tagCount = 0;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('connection closed')));
  }

  /** Connects and waits for the greeting. */
  static async open(port: number, host = '127.0.0.1'): Promise<BenchImapClient> {
    const socket = connect({ port, host });
    const client = new BenchImapClient(socket);
    const greeting = await new Promise<string>((resolve, reject) => {
      client.#greeting = resolve;
      socket.once('error', reject);
    });
    if (!greeting.startsWith('* OK')) throw new Error(`unexpected greeting: ${greeting}`);
    return client;
  }

  /** Sends `command` with a fresh tag; rejects unless the reply is OK. */
  async run(command: string): Promise<CommandResult> {
    const result = await this.send(command);
    if (!/^\S+ OK/.test(result.status)) throw new Error(`${command.split(' ')[0]} failed: ${result.status}`);
    return result;
  }

  /** Sends `command` and resolves with the tagged reply, whatever it is. */
  send(command: string): Promise<CommandResult> {
    if (this.#pending) throw new Error('one command at a time');
    const tag = `b${(this.#tagCount += 1)}`;
    return new Promise((resolve, reject) => {
      this.#pending = { tag, result: { status: '', untagged: 0, bytes: 0, literalBytes: 0 }, resolve, reject };
      this.#socket.write(`${tag} ${command}\r\n`);
    });
  }

  /** LOGIN (RFC 9051 §6.2.3) with quoted strings. */
  async login(user: string, password: string): Promise<void> {
    await this.run(`LOGIN "${user}" "${password}"`);
  }

  /** Starts IDLE (RFC 2177) and resolves once the server sent its continuation. */
  async idle(): Promise<void> {
    const started = new Promise<void>((resolve) => {
      this.#onContinuation = resolve;
    });
    void this.send('IDLE').catch(() => undefined);
    await started;
  }

  /** Drops the connection without LOGOUT (cheapest for a thousand idle sockets). */
  destroy(): void {
    this.#pending = null;
    this.#socket.removeAllListeners('close');
    this.#socket.destroy();
  }

  #read(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.#literalLeft > 0) {
        const take = Math.min(this.#literalLeft, chunk.length - offset);
        this.#literalLeft -= take;
        offset += take;
        if (this.#pending) {
          this.#pending.result.literalBytes += take;
          this.#pending.result.bytes += take;
        }
        continue;
      }
      const end = chunk.indexOf(10, offset);
      if (end === -1) {
        this.#line = Buffer.concat([this.#line, chunk.subarray(offset)]);
        return;
      }
      const line = this.#line.length > 0 ? Buffer.concat([this.#line, chunk.subarray(offset, end + 1)]) : chunk.subarray(offset, end + 1);
      this.#line = Buffer.alloc(0);
      offset = end + 1;
      this.#lineDone(line);
    }
  }

  #lineDone(line: Buffer): void {
    if (this.#pending) this.#pending.result.bytes += line.length;
    // Only the tail can announce a literal; only the head says what the line is.
    const tail = line.subarray(Math.max(0, line.length - 24)).toString('latin1');
    const literal = /\{(\d+)\+?\}\r?\n$/.exec(tail);
    if (literal) this.#literalLeft = Number(literal[1]);
    if (this.#inLiteralResponse) {
      this.#inLiteralResponse = literal !== null;
      return;
    }
    this.#inLiteralResponse = literal !== null;
    const head = line.subarray(0, Math.min(line.length, 200)).toString('latin1');
    if (this.#greeting) {
      const greet = this.#greeting;
      this.#greeting = null;
      greet(head.trimEnd());
      return;
    }
    const pending = this.#pending;
    if (head.startsWith('* ')) {
      if (pending) pending.result.untagged += 1;
      return;
    }
    if (head.startsWith('+')) {
      const go = this.#onContinuation;
      this.#onContinuation = null;
      go?.();
      return;
    }
    if (pending && head.startsWith(`${pending.tag} `)) {
      this.#pending = null;
      pending.result.status = head.trimEnd();
      pending.resolve(pending.result);
    }
  }

  /** True while the lines after a literal still belong to the same response. */
  #inLiteralResponse = false;

  #fail(error: Error): void {
    const pending = this.#pending;
    this.#pending = null;
    pending?.reject(error);
  }
}
