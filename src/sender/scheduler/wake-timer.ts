import type { Clock } from '../../interfaces/sender.js';

/** setTimeout's largest delay (about 24.8 days); a later wake is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One timer that wakes the scheduler at the next due time, read from the injected clock. The
 * timer does not keep the process alive (unref): a server's listeners do that.
 */
export class WakeTimer {
  readonly #clock: Clock;
  readonly #wake: () => void;
  #timer: NodeJS.Timeout | null = null;

  constructor(clock: Clock, wake: () => void) {
    this.#clock = clock;
    this.#wake = wake;
  }

  /** Wakes at `at` (epoch ms; now when past), replacing any earlier arming; null disarms. */
  arm(at: number | null): void {
    this.disarm();
    if (at === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, at - this.#clock.now().getTime()));
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#wake();
    }, delay);
    this.#timer.unref();
  }

  disarm(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }
}

/** Promises of work in progress, so a caller can wait until all of it (and what it started) is done. */
export class TaskSet {
  readonly #tasks = new Set<Promise<void>>();

  get size(): number {
    return this.#tasks.size;
  }

  /** Tracks `work`; its failure is reported to `onError`, never thrown at the caller. */
  run(work: () => Promise<void>, onError: (error: unknown) => void): void {
    const task = work().catch(onError);
    this.#tasks.add(task);
    void task.finally(() => this.#tasks.delete(task));
  }

  /** Resolves once no task is running, including tasks started meanwhile. */
  async idle(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }
}
