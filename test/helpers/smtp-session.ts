import net from 'node:net';

/** One SMTP reply: its code and its lines without CRLF. */
export interface SmtpReply {
  code: number;
  lines: string[];
  /** The last line, the one that carries the outcome. */
  last: string;
}

/**
 * A byte-exact SMTP client over a raw socket, for tests that must control every octet the server
 * sees (dot-stuffing, line endings, NUL, huge lines) and read every reply line exactly.
 * Replies are decoded as latin1 so a reply split across packets never breaks a character.
 */
export class SmtpSession {
  readonly socket: net.Socket;
  #pending = '';
  #closed = false;
  #wakers: Array<() => void> = [];

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on('data', (data: Buffer) => {
      this.#pending += data.toString('latin1');
      this.#wake();
    });
    socket.on('close', () => {
      this.#closed = true;
      this.#wake();
    });
    socket.on('error', () => {});
  }

  /** Connects, reads the greeting and says EHLO; rejects unless both got 2xx. */
  static async open(port: number, host = '127.0.0.1'): Promise<SmtpSession> {
    const socket = net.connect({ port, host });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
    const session = new SmtpSession(socket);
    const greeting = await session.reply();
    if (greeting.code !== 220) throw new Error(`greeting: ${greeting.last}`);
    const ehlo = await session.command('EHLO client.test');
    if (ehlo.code !== 250) throw new Error(`EHLO: ${ehlo.last}`);
    return session;
  }

  get closed(): boolean {
    return this.#closed;
  }

  #wake(): void {
    for (const wake of this.#wakers.splice(0)) wake();
  }

  /** The next complete reply; rejects when the server closes the connection first. */
  async reply(): Promise<SmtpReply> {
    for (;;) {
      const lines = this.#pending.split('\r\n');
      const end = lines.findIndex((line, index) => index < lines.length - 1 && /^\d{3}( |$)/.test(line));
      if (end >= 0) {
        const replyLines = lines.slice(0, end + 1);
        this.#pending = lines.slice(end + 1).join('\r\n');
        const last = replyLines[replyLines.length - 1]!;
        return { code: Number(last.slice(0, 3)), lines: replyLines, last };
      }
      if (this.#closed) throw new Error(`connection closed before a reply; unread: ${JSON.stringify(this.#pending.slice(0, 200))}`);
      await new Promise<void>((resolve) => this.#wakers.push(resolve));
    }
  }

  /** Writes, waiting for the socket to drain so a big message never piles up in memory. */
  async write(data: string | Buffer): Promise<void> {
    if (this.#closed) return;
    if (!this.socket.write(data)) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          this.socket.off('drain', done);
          this.socket.off('close', done);
          resolve();
        };
        this.socket.on('drain', done);
        this.socket.on('close', done);
      });
    }
  }

  /** Sends one command line and reads its reply. */
  async command(line: string): Promise<SmtpReply> {
    await this.write(`${line}\r\n`);
    return this.reply();
  }

  /**
   * One whole transaction: MAIL, each RCPT, DATA with the message dot-stuffed, and the final reply.
   * Stops at the first refusal of MAIL or DATA, and when no RCPT was accepted.
   */
  async sendMail(from: string, to: readonly string[], message: Buffer): Promise<{ mail: SmtpReply; rcpt: SmtpReply[]; data: SmtpReply | null }> {
    const mail = await this.command(`MAIL FROM:<${from}>`);
    const rcpt: SmtpReply[] = [];
    if (mail.code !== 250) return { mail, rcpt, data: null };
    for (const recipient of to) rcpt.push(await this.command(`RCPT TO:<${recipient}>`));
    if (!rcpt.some((reply) => reply.code === 250)) return { mail, rcpt, data: null };
    const start = await this.command('DATA');
    if (start.code !== 354) return { mail, rcpt, data: start };
    await this.write(dataSection(message));
    return { mail, rcpt, data: await this.reply() };
  }

  /** Says QUIT and waits for the server to close. */
  async quit(): Promise<void> {
    await this.command('QUIT').catch(() => undefined);
    this.socket.destroy();
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/**
 * The DATA section of a message as it goes on the wire (RFC 5321 §4.5.2): a dot doubled at the
 * start of every line (after any LF, as smtp-server unstuffs after any LF), a CRLF added when the
 * message does not end in one, then the `.` line.
 */
export function dataSection(message: Buffer): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (let index = 0; index < message.length; index += 1) {
    if (message[index] === 0x2e && (index === 0 || message[index - 1] === 0x0a)) {
      parts.push(message.subarray(start, index), Buffer.from('.'));
      start = index;
    }
  }
  parts.push(message.subarray(start));
  parts.push(Buffer.from(endsWithCrlf(message) ? '.\r\n' : '\r\n.\r\n'));
  return Buffer.concat(parts);
}

/** Whether the bytes end in CRLF (what the stored copy ends in once sent). */
export function endsWithCrlf(message: Buffer): boolean {
  return message.length >= 2 && message[message.length - 2] === 0x0d && message[message.length - 1] === 0x0a;
}
