import { join } from 'node:path';
import type { Store } from '../interfaces/store.js';
import { classicLevelBackend, type BackendOperation, type LevelBackend } from '../store/level/backend.js';
import type { KeyRange } from '../store/level/keys.js';
import { entriesWithHeld } from '../store/level/held-writes.js';
import { JournalFile } from '../store/level/journal-file.js';
import type { RecordPieces } from '../store/level/journal-record.js';
import { DEFAULT_JOURNAL_BYTES, JOURNAL_FILE_NAME, levelStore } from '../store/level/level-store.js';

/** A level store whose machine can be made to lose power. */
export interface CrashableLevel {
  /** A levelStore on the directory, writing through the fault-injecting backend. */
  store: Store;
  /**
   * Simulates a power loss: every write the store made without sync since its last synced
   * write is dropped, the directory is released, and the store is dead (further calls fail).
   * A `levelStore({ path })` opened afterwards sees exactly the synced state.
   */
  crash(): Promise<void>;
}

/**
 * A level store for crash tests, in the spirit of LevelDB's fault-injection env: writes made
 * to LevelDB without sync are held in memory (the "page cache") and reach it only with the next
 * synced write or a clean close; `crash()` throws them away. The store's journal sits in front
 * as in production: its records are written with O_DSYNC, so they survive, and the next open
 * replays them into what LevelDB kept. So with `sync: false` (no journal records) a crash loses
 * every acknowledged write, and with `sync: true` (the default) it loses none. `journalBytes`
 * sets the journal's size (a small one makes the ring wrap and checkpoint often).
 *
 * @example
 * const { store, crash } = createCrashableLevel(directory, { sync: true });
 * await store.deliver(...);      // acknowledged
 * await crash();
 * const after = levelStore({ path: directory });  // the delivery is there
 */
export function createCrashableLevel(path: string, options: { sync?: boolean; journalBytes?: number } = {}): CrashableLevel {
  const backend = new CrashableBackend(classicLevelBackend(path));
  const journalFile = new CrashableJournalFile(join(path, JOURNAL_FILE_NAME), options.journalBytes ?? DEFAULT_JOURNAL_BYTES);
  const store = levelStore({ path, sync: options.sync ?? true, backend, journalFile });
  return {
    store,
    crash: async () => {
      journalFile.crash();
      await backend.crash();
    },
  };
}

/** The journal's file, until the power goes: its records are on disk as they are written (O_DSYNC), and none is written after. */
class CrashableJournalFile extends JournalFile {
  #crashed = false;

  crash(): void {
    this.#crashed = true;
    this.close();
  }

  override write(record: RecordPieces, position: number, blocking: boolean): Promise<void> {
    if (this.#crashed) return Promise.reject(new Error(`the journal ${this.path} has crashed`));
    return super.write(record, position, blocking);
  }
}

/** Unsynced writes live in `#unsynced` (key to value, null for a delete) until a synced write. */
class CrashableBackend implements LevelBackend {
  readonly #disk: LevelBackend;
  readonly #unsynced = new Map<string, Buffer | null>();
  #crashed = false;

  constructor(disk: LevelBackend) {
    this.#disk = disk;
  }

  get location(): string {
    return this.#disk.location;
  }

  open(): Promise<void> {
    this.#checkAlive();
    return this.#disk.open();
  }

  /** A clean close writes what the OS would have flushed anyway. */
  async close(): Promise<void> {
    if (this.#crashed) return;
    await this.#flush({ sync: false });
    await this.#disk.close();
  }

  async write(operations: BackendOperation[], { sync }: { sync: boolean }): Promise<void> {
    this.#checkAlive();
    for (const operation of operations) this.#unsynced.set(operation.key, operation.type === 'put' ? operation.value : null);
    if (sync) await this.#flush({ sync: true });
  }

  async get(key: string): Promise<Buffer | undefined> {
    this.#checkAlive();
    const held = this.#unsynced.get(key);
    if (held !== undefined) return held ?? undefined;
    return this.#disk.get(key);
  }

  entries(range: KeyRange): AsyncIterable<[string, Buffer]> {
    this.#checkAlive();
    return entriesWithHeld(this.#disk, this.#unsynced, range);
  }

  async crash(): Promise<void> {
    if (this.#crashed) return;
    this.#crashed = true;
    this.#unsynced.clear();
    await this.#disk.close();
  }

  async #flush({ sync }: { sync: boolean }): Promise<void> {
    const operations: BackendOperation[] = [...this.#unsynced].map(([key, value]) => (value === null ? { type: 'del', key } : { type: 'put', key, value }));
    this.#unsynced.clear();
    if (operations.length > 0 || sync) await this.#disk.write(operations, { sync });
  }

  #checkAlive(): void {
    if (this.#crashed) throw new Error(`the store at ${this.#disk.location} has crashed`);
  }
}
