import { join } from 'node:path';
import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { Store, StoreCapabilities } from '../../interfaces/store.js';
import { toStoreError } from '../abstract-store.js';
import type { AbstractStoreOptions } from '../adapter-types.js';
import { IndexedStore } from '../indexed/indexed-store.js';
import type { Mutation } from '../indexed/records.js';
import { classicLevelBackend, type BackendOperation, type LevelBackend } from './backend.js';
import { encodeMutations } from './codec.js';
import { SegmentedBlobBackend, SEGMENTS_DIRECTORY } from './blob-segments.js';
import { GroupCommit } from './group-commit.js';
import { JournalFile } from './journal-file.js';
import { JournaledBackend } from './journaled-backend.js';
import { blobKey, recordKey, recordKeyName, recordRange } from './keys.js';
import { loadIndex } from './load-index.js';
import { RecordCache } from './record-cache.js';

/** Options of {@link levelStore}. */
export interface LevelStoreOptions extends AbstractStoreOptions {
  /** The directory of the LevelDB database; created when missing. One process at a time. */
  path: string;
  /**
   * fsync every batch before acknowledging it. Default true. `false` trades durability for
   * speed: acknowledged writes (mail that got `250`) can vanish on a crash or power loss.
   */
  sync?: boolean;
  /**
   * The size of the journal, the ring file (`posthouse-journal` in `path`) that synced writes
   * go to before LevelDB. Default 16 MiB. A batch larger than half of it is written to LevelDB
   * directly, synced.
   */
  journalBytes?: number;
  /**
   * Message bytes are appended to segment files in `blobs/` in `path`; a segment takes appends up
   * to this size (default 64 MiB). A segment less than half of whose bytes are still referenced
   * is compacted; one with none is deleted.
   */
  segmentBytes?: number;
  /**
   * For tests only: the key-value backend to use instead of LevelDB at `path`, e.g. the
   * fault-injecting one of `createCrashableLevel`. The journal still sits in front of it.
   */
  backend?: LevelBackend;
  /** For tests only: the journal's file, e.g. one a simulated crash can stop. Its size wins over `journalBytes`. */
  journalFile?: JournalFile;
}

/** The journal's file name inside the store's directory. */
export const JOURNAL_FILE_NAME = 'posthouse-journal';
/** The journal's size unless `journalBytes` says otherwise. */
export const DEFAULT_JOURNAL_BYTES = 16 * 1024 * 1024;
const MINIMUM_JOURNAL_BYTES = 64 * 1024;
const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

/**
 * The embedded default store, on LevelDB (`level`). The index (mailboxes, messages, flags,
 * quotas) is loaded into memory when the store opens, so writes never read: a delivery is one
 * blob write plus one record per target, and concurrent calls share one synced batch (group
 * commit), which goes to a journal in front of LevelDB (see {@link JournaledBackend}). Message
 * bytes are stored once per delivery, in blob segment files beside LevelDB (see
 * {@link SegmentedBlobBackend}), and go with their last message.
 *
 * A failed write leaves the index ahead of the disk, so the store then refuses further writes
 * with `STORE_IO` until it is closed and opened again, which reloads the index from disk.
 */
export class LevelStore extends IndexedStore {
  readonly capabilities: StoreCapabilities = { persistent: true, shared: false };
  readonly #backend: LevelBackend;
  readonly #sync: boolean;
  readonly #commits: GroupCommit;
  /** Blobs of batches not yet written, so a message listed already can be read already. */
  readonly #pendingBlobs = new Map<string, Buffer>();
  /**
   * Records read or written lately (null: known absent). The directory reads its records on every
   * RCPT and delivery; a LevelDB read each time cost a quarter of the server's time under load.
   */
  readonly #recordCache = new RecordCache(10_000);
  #failure: StoreError | null = null;

  constructor(options: LevelStoreOptions) {
    super(options);
    if (typeof options?.path !== 'string' || options.path.length === 0) {
      throw new StoreError(ErrorCodes.CONFIG_INVALID, 'levelStore needs a path');
    }
    const journalBytes = options.journalBytes ?? DEFAULT_JOURNAL_BYTES;
    if (!Number.isSafeInteger(journalBytes) || journalBytes < MINIMUM_JOURNAL_BYTES) {
      throw new StoreError(ErrorCodes.CONFIG_INVALID, `levelStore's journalBytes must be a whole number of at least ${MINIMUM_JOURNAL_BYTES}`);
    }
    const journal = options.journalFile ?? new JournalFile(join(options.path, JOURNAL_FILE_NAME), journalBytes);
    const segmentBytes = options.segmentBytes ?? DEFAULT_SEGMENT_BYTES;
    if (!Number.isSafeInteger(segmentBytes) || segmentBytes < 1) throw new StoreError(ErrorCodes.CONFIG_INVALID, "levelStore's segmentBytes must be a positive whole number");
    const blobs = new SegmentedBlobBackend(options.backend ?? classicLevelBackend(options.path), join(options.path, SEGMENTS_DIRECTORY), segmentBytes);
    this.#backend = new JournaledBackend(blobs, journal);
    this.#sync = options.sync ?? true;
    // A lone durable submitter may have its record written on this thread: the summaries riding
    // along wait for nothing, so they must not send the delivery through the thread pool.
    this.#commits = new GroupCommit((operations, durableSubmitters) => this.#write(operations, durableSubmitters > 0, durableSubmitters === 1));
  }

  protected async _open(): Promise<void> {
    try {
      await this.#backend.open();
    } catch (error) {
      throw toStoreError(error, `opening the store at ${this.#backend.location}`);
    }
    try {
      this.index = await loadIndex(this.#backend);
      this.#recordCache.clear();
      this.#failure = null;
    } catch (error) {
      await this.#backend.close().catch(() => {});
      throw toStoreError(error, `loading the store at ${this.#backend.location}`);
    }
  }

  protected async _close(): Promise<void> {
    await this.#commits.idle();
    await this.#backend.close();
  }

  protected async persist(mutations: Mutation[], options = { durable: true }): Promise<void> {
    const blobs: Array<Extract<Mutation, { kind: 'blob-put' }>> = [];
    for (const mutation of mutations) if (mutation.kind === 'blob-put') blobs.push(mutation);
    for (const { blobId, bytes } of blobs) this.#pendingBlobs.set(blobId, bytes);
    try {
      await this.#submit(encodeMutations(mutations), options.durable);
    } finally {
      for (const { blobId, bytes } of blobs) {
        if (this.#pendingBlobs.get(blobId) === bytes) this.#pendingBlobs.delete(blobId);
      }
    }
  }

  protected async readBlob(blobId: string): Promise<Buffer> {
    const bytes = this.#pendingBlobs.get(blobId) ?? (await this.#read(() => this.#backend.get(blobKey(blobId))));
    if (bytes === undefined) throw new StoreError(ErrorCodes.STORE_IO, `Blob ${blobId} is missing from ${this.#backend.location}`);
    return bytes;
  }

  protected async _recordGet(namespace: string, key: string): Promise<string | undefined> {
    const storageKey = recordKey(namespace, key);
    const cached = this.#recordCache.get(storageKey);
    if (cached !== undefined) return cached ?? undefined;
    const value = (await this.#read(() => this.#backend.get(storageKey)))?.toString('utf8');
    // A write that raced this read has already set the entry; never overwrite it with the older value.
    if (this.#recordCache.get(storageKey) === undefined) this.#recordCache.set(storageKey, value ?? null);
    return value;
  }

  protected async _recordPut(namespace: string, key: string, json: string): Promise<void> {
    const storageKey = recordKey(namespace, key);
    this.#recordCache.set(storageKey, json);
    try {
      await this.#submit([{ type: 'put', key: storageKey, value: Buffer.from(json, 'utf8') }]);
    } catch (error) {
      this.#recordCache.delete(storageKey);
      throw error;
    }
  }

  protected async _recordDelete(namespace: string, key: string): Promise<void> {
    const storageKey = recordKey(namespace, key);
    this.#recordCache.set(storageKey, null);
    try {
      await this.#submit([{ type: 'del', key: storageKey }]);
    } catch (error) {
      this.#recordCache.delete(storageKey);
      throw error;
    }
  }

  protected async _recordList(namespace: string): Promise<Array<{ key: string; json: string }>> {
    return this.#read(async () => {
      const records: Array<{ key: string; json: string }> = [];
      for await (const [key, value] of this.#backend.entries(recordRange(namespace))) {
        records.push({ key: recordKeyName(key), json: value.toString('utf8') });
      }
      return records;
    });
  }

  #submit(operations: BackendOperation[], durable = true): Promise<void> {
    if (this.#failure !== null) return Promise.reject(this.#failure);
    return this.#commits.submit(operations, durable);
  }

  async #write(operations: BackendOperation[], durable: boolean, alone: boolean): Promise<void> {
    try {
      await this.#backend.write(operations, { sync: this.#sync && durable, alone });
    } catch (error) {
      this.#failure ??= new StoreError(ErrorCodes.STORE_IO, `A write to the store at ${this.#backend.location} failed; close and open it again`, {
        cause: error,
        logReason: error instanceof Error ? error.message : String(error),
      });
      this.logger.error({ err: error, path: this.#backend.location }, 'store write failed');
      throw this.#failure;
    }
  }

  async #read<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw toStoreError(error, `reading the store at ${this.#backend.location}`);
    }
  }
}

/**
 * Creates a store on LevelDB at `options.path` (`capabilities.persistent` is true). Opening a
 * directory another process holds rejects with `STORE_LOCKED`.
 *
 * @example
 * const store = levelStore({ path: './posthouse-data' });
 * await store.open();
 */
export function levelStore(options: LevelStoreOptions): Store {
  return new LevelStore(options);
}
