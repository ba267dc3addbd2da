import type { Socket } from 'node:net';

/** One complete SMTP reply (RFC 5321 §4.2): its code and the text of each of its lines. */
export interface SmtpReply {
  code: number;
  lines: string[];
}

type Waiter = { resolve: (reply: SmtpReply) => void; reject: (error: Error) => void };

/**
 * Splits what the server sends into replies, joining multi-line ones (`250-...` up to `250 ...`),
 * and hands them out in order. Once the socket closes or fails, every later `next()` rejects.
 */
export class SmtpReplyReader {
  readonly #replies: SmtpReply[] = [];
  readonly #waiters: Waiter[] = [];
  #earlierLines: string[] = [];
  #pending = '';
  #failure: Error | null = null;

  constructor(socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (text: string) => this.#feed(text));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('connection closed')));
  }

  /** The next reply from the server, in order. */
  next(): Promise<SmtpReply> {
    const ready = this.#replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.#failure) return Promise.reject(this.#failure);
    return new Promise((resolve, reject) => this.#waiters.push({ resolve, reject }));
  }

  #feed(text: string): void {
    this.#pending += text;
    let end = this.#pending.indexOf('\r\n');
    while (end !== -1) {
      const line = this.#pending.slice(0, end);
      this.#pending = this.#pending.slice(end + 2);
      this.#line(line);
      end = this.#pending.indexOf('\r\n');
    }
  }

  #line(line: string): void {
    if (line.charAt(3) === '-') {
      this.#earlierLines.push(line.slice(4));
      return;
    }
    const reply = { code: Number.parseInt(line.slice(0, 3), 10), lines: [...this.#earlierLines, line.slice(4)] };
    this.#earlierLines = [];
    const waiter = this.#waiters.shift();
    if (waiter) waiter.resolve(reply);
    else this.#replies.push(reply);
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#failure);
  }
}
