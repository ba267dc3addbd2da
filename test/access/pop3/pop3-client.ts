import net from 'node:net';
import tls from 'node:tls';

/**
 * A byte-exact POP3 client over a raw socket, for tests that read every reply line exactly.
 * Replies are decoded as latin1 so a reply split across packets never breaks a character;
 * multi-line bodies are also kept as raw bytes.
 */
export class Pop3Client {
  socket: net.Socket;
  #pending = Buffer.alloc(0);
  #closed = false;
  #wakers: Array<() => void> = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    this.#listen(socket);
  }

  /** Connects and reads the greeting. */
  static async connect(port: number, options: { implicitTls?: boolean } = {}): Promise<{ client: Pop3Client; greeting: string }> {
    const socket = options.implicitTls ? tls.connect({ port, host: '127.0.0.1', rejectUnauthorized: false }) : net.connect({ port, host: '127.0.0.1' });
    await new Promise<void>((resolve, reject) => {
      socket.once(options.implicitTls ? 'secureConnect' : 'connect', () => resolve());
      socket.once('error', reject);
    });
    const client = new Pop3Client(socket);
    return { client, greeting: await client.line() };
  }

  get closed(): boolean {
    return this.#closed;
  }

  #listen(socket: net.Socket): void {
    socket.on('data', (data: Buffer) => {
      this.#pending = Buffer.concat([this.#pending, data]);
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  #wake(): void {
    for (const wake of this.#wakers.splice(0)) wake();
  }

  async #waitFor<T>(take: () => T | null): Promise<T> {
    for (;;) {
      const taken = take();
      if (taken !== null) return taken;
      if (this.#closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.#pending.toString('latin1').slice(0, 200))}`);
      await new Promise<void>((resolve) => this.#wakers.push(resolve));
    }
  }

  /** The next reply line, without CRLF. */
  line(): Promise<string> {
    return this.#waitFor(() => {
      const end = this.#pending.indexOf('\r\n');
      if (end === -1) return null;
      const text = this.#pending.subarray(0, end).toString('latin1');
      this.#pending = this.#pending.subarray(end + 2);
      return text;
    });
  }

  /** The body of a multi-line reply as raw bytes, up to and including the terminating `.` CRLF. */
  multilineBody(): Promise<Buffer> {
    return this.#waitFor(() => {
      const terminator = this.#pending.subarray(0, 3).equals(Buffer.from('.\r\n')) ? 0 : this.#pending.indexOf('\r\n.\r\n');
      if (terminator === -1) return null;
      const length = terminator === 0 ? 3 : terminator + 5;
      const body = this.#pending.subarray(0, length);
      this.#pending = this.#pending.subarray(length);
      return Buffer.from(body);
    });
  }

  /** Sends raw bytes. */
  send(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Sends a command line and reads its one-line reply. */
  async command(line: string): Promise<string> {
    this.send(`${line}\r\n`);
    return this.line();
  }

  /** Sends a command whose success is multi-line; resolves the status line and the body lines (unstuffed), or the -ERR alone. */
  async multiline(line: string): Promise<{ status: string; lines: string[] }> {
    const status = await this.command(line);
    if (!status.startsWith('+OK')) return { status, lines: [] };
    const body = (await this.multilineBody()).toString('latin1');
    const lines = body.split('\r\n').slice(0, -2).map((entry) => (entry.startsWith('.') ? entry.slice(1) : entry));
    return { status, lines };
  }

  /** Upgrades to TLS after STLS's +OK. */
  async startTls(): Promise<void> {
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    const secured = tls.connect({ socket: plain, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => {
      secured.once('secureConnect', () => resolve());
      secured.once('error', reject);
    });
    this.socket = secured;
    this.#listen(secured);
  }

  /** Resolves once the server closed the connection. */
  async waitClosed(): Promise<void> {
    await this.#waitFor(() => (this.#closed ? true : null)).catch(() => {});
  }

  close(): void {
    this.socket.destroy();
  }
}

/** Undoes byte-stuffing of a multi-line body (RFC 1939 §3) and drops its terminating `.` CRLF. */
export function unstuff(body: Buffer): Buffer {
  const text = body.toString('latin1');
  const withoutTerminator = text.slice(0, -3);
  return Buffer.from(withoutTerminator.replace(/(^|\r\n)\./g, '$1'), 'latin1');
}
