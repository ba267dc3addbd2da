import type { Logger } from '../interfaces/logger.js';
import type { MessageSource, MessageSummary } from '../interfaces/message.js';
import type { AppendResult, Store } from '../interfaces/store.js';
import { summarize, type SummarizeOptions } from '../mime/summary.js';
import { sharedSummaryThread, type SummaryThread } from './summary-thread.js';

/**
 * Where summaries are parsed: `worker` on a worker thread (the default: parsing costs more than
 * the synced write itself and would delay the next message on the main thread), `inline` on the
 * main thread after the 250 (for bundles that cannot ship the worker's file).
 */
export type SummaryMode = 'worker' | 'inline';

/**
 * What the deliverer summarises by default, on the worker or inline: everything but IMAP's
 * renderings (ENVELOPE, BODYSTRUCTURE), which cost ~40% of a summary's parse and half its bytes,
 * and which the IMAP server renders and records at the first FETCH that needs them (as Dovecot
 * fills its cache on demand). Much delivered mail is never fetched over IMAP.
 */
export const DELIVERY_SUMMARY: SummarizeOptions = { imap: false };

/** The object form of the deliverer's `summaries` option. */
export interface SummaryOptions {
  /** Where summaries are parsed (default `worker`). */
  mode?: SummaryMode;
  /**
   * Render IMAP's ENVELOPE, BODY and BODYSTRUCTURE at delivery too, for servers whose mail is
   * mostly read over IMAP. Default false: the IMAP server renders and records them at the first
   * FETCH, SORT or THREAD that needs them, which reads the message again (~0.3 ms for 100 KB).
   */
  imap?: boolean;
}

/**
 * The indexer that the deliverer's `summaries` option asks for, or null for none (`false`).
 * `true` and absent mean a worker thread, without IMAP's renderings.
 */
export function summaryIndexerFor(summaries: boolean | SummaryMode | SummaryOptions | undefined, store: Store, logger: Logger): SummaryIndexer | null {
  if (summaries === false) return null;
  if (typeof summaries === 'object') return new SummaryIndexer(store, logger, { mode: summaries.mode ?? 'worker', imap: summaries.imap === true });
  return new SummaryIndexer(store, logger, { mode: summaries === 'inline' ? 'inline' : 'worker' });
}

/** Options of a {@link SummaryIndexer}. */
export interface SummaryIndexerOptions {
  mode?: SummaryMode;
  /** Summaries queued at most; past it a summary is skipped (default 10,000). */
  maxPending?: number;
  /**
   * Octets of queued messages at most; a message that would pass it is skipped unless the queue is
   * empty (default 64 MiB).
   */
  maxPendingBytes?: number;
  /** The worker to use in `worker` mode (default: the process's shared one). */
  thread?: SummaryThread;
  /**
   * Render IMAP's ENVELOPE, BODY and BODYSTRUCTURE with each summary too. Default false: the IMAP
   * server renders and records them at the first FETCH, SORT or THREAD that needs them.
   */
  imap?: boolean;
}

/** Enqueues closer together than this mean deliveries are flowing: gather them. */
const BUSY_GAP_MS = 5;
/** How long a batch gathers while deliveries flow. */
const GATHER_MS = 10;
/** Messages per worker round trip, at most. */
const MAX_BATCH = 64;

interface Job {
  source: MessageSource;
  copies: readonly AppendResult[];
}

const DEFAULT_MAX_PENDING = 10_000;
const DEFAULT_MAX_PENDING_BYTES = 64 * 1024 * 1024;

/**
 * Parses delivered messages after their 250 and records the summary with each copy. Nothing about
 * durability depends on it: the summary is written unsynced and rides with the next synced write,
 * and every reader computes a missing one on demand. Past `maxPending` summaries or
 * `maxPendingBytes` of queued messages a summary is skipped (the message stays readable; its
 * summary is null) rather than letting memory grow: the queue holds the messages themselves, so
 * a burst of deliveries can run ahead of the worker by that much and no more. If the worker
 * fails, the failure is logged and summaries are parsed inline from then on.
 *
 * Jobs go in batches, one batch at a time: a lone delivery is summarised at once, but while
 * deliveries flow a batch gathers for {@link GATHER_MS}, so many messages cost one round trip to
 * the worker and one store batch, and summaries keep pace with the store's commits instead of
 * competing with deliveries for the CPU message by message.
 */
export class SummaryIndexer {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #maxPending: number;
  readonly #maxPendingBytes: number;
  readonly #thread: SummaryThread | null;
  readonly #summarizeOptions: SummarizeOptions;
  readonly #queue: Job[] = [];
  #pending = 0;
  #pendingBytes = 0;
  #idleWaiters: Array<() => void> = [];
  #draining: Promise<void> | null = null;
  #lastEnqueue = Number.NEGATIVE_INFINITY;
  #reportedWorkerFailure = false;

  constructor(store: Store, logger: Logger, options: SummaryIndexerOptions = {}) {
    this.#store = store;
    this.#logger = logger;
    this.#maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.#maxPendingBytes = options.maxPendingBytes ?? DEFAULT_MAX_PENDING_BYTES;
    this.#thread = options.mode === 'inline' ? null : (options.thread ?? sharedSummaryThread());
    this.#summarizeOptions = options.imap === true ? { imap: true } : DELIVERY_SUMMARY;
  }

  /** Queues a summary for the copies of one message. */
  enqueue(source: MessageSource, copies: readonly AppendResult[]): void {
    if (copies.length === 0) return;
    // a message larger than the byte bound is still summarised when nothing else waits
    const overBytes = this.#pending > 0 && this.#pendingBytes + source.size > this.#maxPendingBytes;
    if (this.#pending >= this.#maxPending || overBytes) {
      this.#logger.warn({ pending: this.#pending, pendingBytes: this.#pendingBytes }, 'summary indexer saturated; skipping summary');
      return;
    }
    this.#pending++;
    this.#pendingBytes += source.size;
    this.#queue.push({ source, copies });
    const now = performance.now();
    const flowing = now - this.#lastEnqueue < BUSY_GAP_MS;
    this.#lastEnqueue = now;
    this.#draining ??= this.#drain(flowing);
  }

  /** Resolves once every queued summary is recorded. */
  async idle(): Promise<void> {
    if (this.#pending === 0) return;
    await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }

  async #drain(flowing: boolean): Promise<void> {
    await new Promise<void>((resolve) => (flowing ? setTimeout(resolve, GATHER_MS) : setImmediate(resolve)));
    while (this.#queue.length > 0) {
      const batch = this.#queue.splice(0, MAX_BATCH);
      await this.#index(batch);
      this.#pending -= batch.length;
      for (const job of batch) this.#pendingBytes -= job.source.size;
    }
    this.#draining = null;
    if (this.#pending > 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const wake of waiters) wake();
  }

  async #index(batch: readonly Job[]): Promise<void> {
    try {
      const summaries = await this.#summarize(batch.map((job) => job.source));
      await Promise.all(batch.flatMap((job, index) => job.copies.map((copy) => this.#record(copy, summaries[index]!))));
    } catch (error) {
      // the sources could not be read (a store closing): the summaries are optional
      this.#logger.debug({ err: error }, 'summaries not recorded');
    }
  }

  async #record(copy: AppendResult, summary: MessageSummary): Promise<void> {
    try {
      await this.#store.setSummary(copy.account, copy.mailbox, copy.uid, summary);
    } catch (error) {
      // A copy expunged before its summary was written, or a store closing: the summary is optional.
      this.#logger.debug({ err: error }, 'summary not recorded');
    }
  }

  async #summarize(sources: readonly MessageSource[]): Promise<MessageSummary[]> {
    if (this.#thread?.available) {
      try {
        return await this.#thread.summarizeAll(await Promise.all(sources.map((source) => source.buffer())), this.#summarizeOptions);
      } catch (error) {
        if (!this.#reportedWorkerFailure) this.#logger.error({ err: error }, 'summary worker failed; parsing summaries inline from now on');
        this.#reportedWorkerFailure = true;
      }
    }
    const summaries: MessageSummary[] = [];
    for (const source of sources) summaries.push(await summarize(source, this.#summarizeOptions));
    return summaries;
  }
}
