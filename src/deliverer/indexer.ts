import type { Logger } from '../interfaces/logger.js';
import type { MessageSource, MessageSummary } from '../interfaces/message.js';
import type { AppendResult, Store } from '../interfaces/store.js';
import { summarize } from '../mime/summary.js';
import { sharedSummaryThread, type SummaryThread } from './summary-thread.js';

/**
 * Where summaries are parsed: `worker` on a worker thread (the default: parsing costs more than
 * the synced write itself and would delay the next message on the main thread), `inline` on the
 * main thread after the 250 (for bundles that cannot ship the worker's file).
 */
export type SummaryMode = 'worker' | 'inline';

/** Options of a {@link SummaryIndexer}. */
export interface SummaryIndexerOptions {
  mode?: SummaryMode;
  /** Summaries queued at most; past it a summary is skipped (default 1,000). */
  maxPending?: number;
  /** The worker to use in `worker` mode (default: the process's shared one). */
  thread?: SummaryThread;
}

/**
 * Parses delivered messages after their 250 and records the summary with each copy. Nothing about
 * durability depends on it: the summary is written unsynced and rides with the next synced write,
 * and every reader computes a missing one on demand. Past `maxPending` a summary is skipped (the
 * message stays readable; its summary is null) rather than letting memory grow. If the worker
 * fails, the failure is logged and summaries are parsed inline from then on.
 */
export class SummaryIndexer {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #maxPending: number;
  readonly #thread: SummaryThread | null;
  #pending = 0;
  #idleWaiters: Array<() => void> = [];
  // One job at a time, parse and write: under sustained load summaries then keep pace with the
  // store's commits instead of competing with deliveries for the CPU, and the queue bound skips the rest.
  #tail: Promise<void> = Promise.resolve();
  #reportedWorkerFailure = false;

  constructor(store: Store, logger: Logger, options: SummaryIndexerOptions = {}) {
    this.#store = store;
    this.#logger = logger;
    this.#maxPending = options.maxPending ?? 1000;
    this.#thread = options.mode === 'inline' ? null : (options.thread ?? sharedSummaryThread());
  }

  /** Queues a summary for the copies of one message. */
  enqueue(source: MessageSource, copies: readonly AppendResult[]): void {
    if (copies.length === 0) return;
    if (this.#pending >= this.#maxPending) {
      this.#logger.warn({ pending: this.#pending }, 'summary indexer saturated; skipping summary');
      return;
    }
    this.#pending++;
    this.#tail = this.#tail.then(() => this.#index(source, copies));
    void this.#tail.finally(() => {
      this.#pending--;
      if (this.#pending > 0) return;
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const wake of waiters) wake();
    });
  }

  /** Resolves once every queued summary is recorded. */
  async idle(): Promise<void> {
    if (this.#pending === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  async #index(source: MessageSource, copies: readonly AppendResult[]): Promise<void> {
    try {
      const summary = await this.#summarize(source);
      for (const copy of copies) await this.#store.setSummary(copy.account, copy.mailbox, copy.uid, summary);
    } catch (error) {
      // A copy expunged before its summary was written, or a store closing: the summary is optional.
      this.#logger.debug({ err: error }, 'summary not recorded');
    }
  }

  async #summarize(source: MessageSource): Promise<MessageSummary> {
    if (this.#thread?.available) {
      try {
        return await this.#thread.summarize(await source.buffer());
      } catch (error) {
        if (!this.#reportedWorkerFailure) this.#logger.error({ err: error }, 'summary worker failed; parsing summaries inline from now on');
        this.#reportedWorkerFailure = true;
      }
    }
    return summarize(source);
  }
}
