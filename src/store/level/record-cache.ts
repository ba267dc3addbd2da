/** Values longer than this are not kept (queued message bodies): the cache is for small records. */
const MAX_CACHED_LENGTH = 16 * 1024;

/**
 * A bounded map of record values by storage key, `null` meaning "known absent". When full, the
 * entry used least recently goes first, so lookups of random unknown addresses cannot grow it;
 * large values are never kept, so its memory stays bounded too.
 */
export class RecordCache {
  readonly #entries = new Map<string, string | null>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  /** The cached value, `null` when known absent, `undefined` when not cached. */
  get(key: string): string | null | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    // Re-inserting moves the key to the end: Map keeps insertion order, the front is the eldest.
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  set(key: string, value: string | null): void {
    this.#entries.delete(key);
    if (value !== null && value.length > MAX_CACHED_LENGTH) return;
    this.#entries.set(key, value);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
  }
}
