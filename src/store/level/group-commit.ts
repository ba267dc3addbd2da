import type { BackendOperation } from './backend.js';

interface Group {
  operations: BackendOperation[];
  /** How many submitters need this batch synced: the batch is synced when any does. */
  durableSubmitters: number;
  waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
}

/**
 * Writes one batch, synced when `durableSubmitters` (how many of the calls it serves wait for it
 * to be durable) is above zero.
 */
export type BatchWriter = (operations: BackendOperation[], durableSubmitters: number) => Promise<void>;

/**
 * Group commit: writes submitted while a batch is being written wait and go out together in the
 * next batch, so N concurrent deliveries cost one synced write, not N. Each submitter's promise
 * settles when the batch holding its operations has been written (synced, when the writer syncs).
 * Batches are written one at a time, in submission order.
 *
 * The first batch after a pause waits for the end of the event-loop turn (`setImmediate`), so
 * every delivery that completes while this turn reads its sockets joins it: waiting a microtask
 * only gathered the calls of one socket's callback.
 */
export class GroupCommit {
  readonly #write: BatchWriter;
  #next: Group | null = null;
  #draining: Promise<void> | null = null;

  constructor(write: BatchWriter) {
    this.#write = write;
  }

  /**
   * Queues operations for the next batch; resolves once that batch is written. The batch is
   * synced when any of its submitters asked for `durable` (the default).
   */
  submit(operations: readonly BackendOperation[], durable = true): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#next ??= { operations: [], waiters: [], durableSubmitters: 0 };
      if (durable) this.#next.durableSubmitters += 1;
      for (const operation of operations) this.#next.operations.push(operation);
      this.#next.waiters.push({ resolve, reject });
      this.#draining ??= this.#drain();
    });
  }

  /** Resolves once every batch submitted so far has been written (or failed). */
  async idle(): Promise<void> {
    while (this.#draining !== null) await this.#draining;
  }

  async #drain(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.#next !== null) {
      const group = this.#next;
      this.#next = null;
      try {
        await this.#write(group.operations, group.durableSubmitters);
        for (const waiter of group.waiters) waiter.resolve();
      } catch (error) {
        for (const waiter of group.waiters) waiter.reject(error);
      }
    }
    this.#draining = null;
  }
}
