import type { Logger } from '../interfaces/logger.js';
import type { MessageSource } from '../interfaces/message.js';
import type { AppendResult, Store } from '../interfaces/store.js';
import { summarize } from '../mime/summary.js';

/**
 * Parses delivered messages after their 250 and records the summary with each copy. Parsing is
 * kept off the SMTP path on purpose: it costs more than the synced write itself, and nothing
 * about durability depends on it. Jobs run one at a time; past `maxPending` a summary is skipped
 * (the message stays readable; its summary is null) rather than letting memory grow.
 */
export class SummaryIndexer {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #maxPending: number;
  #pending = 0;
  #tail: Promise<void> = Promise.resolve();

  constructor(store: Store, logger: Logger, maxPending = 1000) {
    this.#store = store;
    this.#logger = logger;
    this.#maxPending = maxPending;
  }

  /** Queues a summary for the copies of one message. */
  enqueue(source: MessageSource, copies: readonly AppendResult[]): void {
    if (copies.length === 0) return;
    if (this.#pending >= this.#maxPending) {
      this.#logger.warn({ pending: this.#pending }, 'summary indexer saturated; skipping summary');
      return;
    }
    this.#pending++;
    this.#tail = this.#tail.then(() => this.#index(source, copies)).finally(() => {
      this.#pending--;
    });
  }

  /** Resolves once every queued summary is recorded. */
  async idle(): Promise<void> {
    while (this.#pending > 0) await this.#tail;
  }

  async #index(source: MessageSource, copies: readonly AppendResult[]): Promise<void> {
    try {
      const summary = await summarize(source);
      for (const copy of copies) await this.#store.setSummary(copy.account, copy.mailbox, copy.uid, summary);
    } catch (error) {
      // A copy expunged before its summary was written, or a store closing: the summary is optional.
      this.#logger.debug({ err: error }, 'summary not recorded');
    }
  }
}
