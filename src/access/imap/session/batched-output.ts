import type { Writable } from 'node:stream';

/** Gathered output is written once it reaches this many octets (strings count their UTF-16 length). */
const BATCH_SIZE = 64 * 1024;

/**
 * Gathers a session's responses into few large writes: a `FETCH 1:* (FLAGS UID)` of 100,000
 * messages becomes about a hundred socket writes instead of 100,000, each of which costs a
 * system call. Consecutive strings are joined; literal Buffers are kept as they are (never
 * copied) and go out in one corked write with the text around them.
 *
 * Nothing waits for long: what is gathered is written when it reaches {@link BATCH_SIZE}, on
 * {@link flush}, and otherwise on the next turn of the event loop, so a response a handler leaves
 * in the batch (IDLE's updates, for one) still reaches the client at once.
 */
export class BatchedOutput {
  readonly #target: () => Writable;
  readonly #chunks: Buffer[] = [];
  /** Strings since the last Buffer, joined once: a string grown by `+=` is a rope that is slow to write. */
  #text: string[] = [];
  #size = 0;
  #scheduled = false;

  /** `target` is asked each time: STARTTLS and COMPRESS replace the session's output stream. */
  constructor(target: () => Writable) {
    this.#target = target;
  }

  /** Adds one part of a response; writes the batch when it has grown large enough. */
  write(part: string | Buffer): void {
    if (typeof part === 'string') this.#text.push(part);
    else {
      this.#takeText();
      this.#chunks.push(part);
    }
    this.#size += part.length;
    if (this.#size >= BATCH_SIZE) this.flush();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => {
        this.#scheduled = false;
        this.flush();
      });
    }
  }

  /** Writes what is gathered now; dropped when the output no longer takes writes (the client left). */
  flush(): void {
    this.#takeText();
    if (this.#chunks.length === 0) return;
    const chunks = this.#chunks.splice(0);
    this.#size = 0;
    const output = this.#target();
    if (!output.writable) return;
    if (chunks.length === 1) {
      output.write(chunks[0]!);
      return;
    }
    output.cork();
    for (const chunk of chunks) output.write(chunk);
    output.uncork();
  }

  #takeText(): void {
    if (this.#text.length === 0) return;
    this.#chunks.push(Buffer.from(this.#text.join('')));
    this.#text = [];
  }
}
