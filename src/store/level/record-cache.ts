/**
 * A bounded map of record values by storage key, `null` meaning "known absent". When full, the
 * entry used least recently goes first, so lookups of random unknown addresses cannot grow it.
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
