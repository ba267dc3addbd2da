import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { Store, StoreCapabilities } from '../../interfaces/store.js';
import type { AbstractStoreOptions } from '../adapter-types.js';
import { IndexedStore } from '../indexed/indexed-store.js';
import type { Mutation } from '../indexed/records.js';
import { compareUtf8 } from '../compare-utf8.js';

/** Options of {@link memoryStore}. */
export type MemoryStoreOptions = AbstractStoreOptions;

/**
 * Everything in memory: the reference adapter, for tests and throwaway servers. Data lives as
 * long as the object; `close()` then `open()` keeps it, a new `memoryStore()` starts empty.
 */
export class MemoryStore extends IndexedStore {
  readonly capabilities: StoreCapabilities = { persistent: false, shared: false };
  readonly #blobs = new Map<string, Buffer>();
  readonly #records = new Map<string, Map<string, string>>();

  protected async _open(): Promise<void> {}

  protected async _close(): Promise<void> {}

  protected async persist(mutations: Mutation[]): Promise<void> {
    for (const mutation of mutations) {
      if (mutation.kind === 'blob-put') this.#blobs.set(mutation.blobId, mutation.bytes);
      else if (mutation.kind === 'blob-delete') this.#blobs.delete(mutation.blobId);
    }
  }

  protected async readBlob(blobId: string): Promise<Buffer> {
    const bytes = this.#blobs.get(blobId);
    if (bytes === undefined) throw new StoreError(ErrorCodes.STORE_IO, `Blob ${blobId} is missing`);
    return bytes;
  }

  protected async _recordGet(namespace: string, key: string): Promise<string | undefined> {
    return this.#records.get(namespace)?.get(key);
  }

  protected async _recordPut(namespace: string, key: string, json: string): Promise<void> {
    let records = this.#records.get(namespace);
    if (records === undefined) this.#records.set(namespace, (records = new Map()));
    records.set(key, json);
  }

  protected async _recordDelete(namespace: string, key: string): Promise<void> {
    this.#records.get(namespace)?.delete(key);
  }

  protected async _recordList(namespace: string): Promise<Array<{ key: string; json: string }>> {
    const entries = [...(this.#records.get(namespace) ?? [])].map(([key, json]) => ({ key, json }));
    return entries.sort((left, right) => compareUtf8(left.key, right.key));
  }
}

/**
 * Creates an in-memory store (`capabilities.persistent` is false).
 *
 * @example
 * const store = memoryStore();
 * await store.ensureAccount('alice@example.com');
 */
export function memoryStore(options: MemoryStoreOptions = {}): Store {
  return new MemoryStore(options);
}
