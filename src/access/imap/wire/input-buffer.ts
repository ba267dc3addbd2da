import type { Readable } from 'node:stream';

/** A line that outgrew its bound; its bytes up to the next LF were dropped. */
export const LINE_TOO_LONG = Symbol('line too long');

/** How much unread input is held before the stream is paused (backpressure). */
const HIGH_WATER = 64 * 1024;

/**
 * Pulls lines and byte counts out of a stream, holding at most what the current read asks for
 * plus one chunk: the stream is paused whenever nobody is waiting and enough is buffered, so a
 * client that floods the connection only fills the socket buffers, not the heap.
 */
export class InputBuffer {
  #chunks: Buffer[] = [];
  #buffered = 0;
  #ended = false;
  #wake: (() => void) | null = null;
  #stream: Readable | null = null;
  readonly #onData = (chunk: Buffer): void => {
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
    if (this.#buffered >= HIGH_WATER) this.#stream?.pause();
    this.#notify();
  };
  readonly #onEnd = (): void => {
    this.#ended = true;
    this.#notify();
  };

  /** Starts reading from `stream` (after STARTTLS, the TLS stream replaces the plain one). */
  attach(stream: Readable): void {
    this.detach();
    this.#stream = stream;
    this.#ended = false;
    stream.on('data', this.#onData);
    stream.on('end', this.#onEnd);
    stream.on('close', this.#onEnd);
    stream.on('error', this.#onEnd);
    stream.resume();
  }

  /** Stops reading; buffered input is kept until {@link discard}. */
  detach(): void {
    const stream = this.#stream;
    if (stream === null) return;
    stream.off('data', this.#onData);
    stream.off('end', this.#onEnd);
    stream.off('close', this.#onEnd);
    stream.off('error', this.#onEnd);
    stream.pause();
    this.#stream = null;
  }

  /** Drops everything buffered (RFC 9051 §6.2.1: nothing sent before STARTTLS completes may be used after). */
  discard(): void {
    this.#chunks = [];
    this.#buffered = 0;
  }

  /** Removes and returns everything buffered (bytes that arrived before a COMPRESS took effect). */
  takeBuffered(): Buffer {
    return this.#take(this.#buffered);
  }

  /** Whether unread input is waiting (a client pipelining commands). */
  get hasBuffered(): boolean {
    return this.#buffered > 0;
  }

  /**
   * The next line without its CRLF (a bare LF ends a line too), or {@link LINE_TOO_LONG} when it
   * is longer than `maxLength` (the line is skipped to its end), or null at end of input.
   */
  async readLine(maxLength: number): Promise<Buffer | typeof LINE_TOO_LONG | null> {
    let tooLong = false;
    for (;;) {
      const end = this.#indexOfLf();
      if (end >= 0) {
        const line = this.#take(end + 1);
        if (tooLong || end > maxLength + 1) return LINE_TOO_LONG;
        const withoutLf = line.subarray(0, line.length - 1);
        return withoutLf.at(-1) === 0x0d ? withoutLf.subarray(0, withoutLf.length - 1) : withoutLf;
      }
      if (this.#buffered > maxLength + 1) {
        this.#take(this.#buffered);
        tooLong = true;
      }
      if (!(await this.#more())) return null;
    }
  }

  /** Exactly `count` bytes, or null when input ends first. */
  async readBytes(count: number): Promise<Buffer | null> {
    while (this.#buffered < count) if (!(await this.#more())) return null;
    return this.#take(count);
  }

  /** Reads and forgets `count` bytes without holding them; false when input ends first. */
  async skipBytes(count: number): Promise<boolean> {
    let left = count;
    for (;;) {
      const dropped = Math.min(left, this.#buffered);
      this.#take(dropped);
      left -= dropped;
      if (left === 0) return true;
      if (!(await this.#more())) return false;
    }
  }

  #indexOfLf(): number {
    let offset = 0;
    for (const chunk of this.#chunks) {
      const at = chunk.indexOf(0x0a);
      if (at >= 0) return offset + at;
      offset += chunk.length;
    }
    return -1;
  }

  #take(count: number): Buffer {
    const parts: Buffer[] = [];
    let left = count;
    while (left > 0) {
      const chunk = this.#chunks[0]!;
      if (chunk.length <= left) {
        parts.push(chunk);
        this.#chunks.shift();
        left -= chunk.length;
      } else {
        parts.push(chunk.subarray(0, left));
        this.#chunks[0] = chunk.subarray(left);
        left = 0;
      }
    }
    this.#buffered -= count;
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts, count);
  }

  /** Waits for more input; false at end of input. */
  async #more(): Promise<boolean> {
    if (this.#ended || this.#stream === null) return false;
    const before = this.#buffered;
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      this.#stream?.resume();
    });
    return this.#buffered > before || !this.#ended;
  }

  #notify(): void {
    const wake = this.#wake;
    this.#wake = null;
    wake?.();
  }
}
