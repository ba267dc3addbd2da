import { createHash } from 'node:crypto';
import type { RuleMemory } from '../../interfaces/rules.js';
import type { RecordStore } from '../../interfaces/store.js';

/** Options of {@link StoreRuleMemory}. */
export interface StoreRuleMemoryOptions {
  records: RecordStore;
  /** Entries older than this are forgotten (default 365 days, the longest useful `:days`). */
  retentionSeconds?: number;
  /** Expired entries are swept after this many `record` calls (default 256). */
  sweepEvery?: number;
}

interface MemoryEntry {
  account: string;
  at: string;
}

/**
 * {@link RuleMemory} in the store's records: vacation's per-sender intervals (RFC 5230 §4.2) and
 * duplicate's seen ids (RFC 7352 §3), one namespace per kind. Keys are hashed (account and key
 * may be long, a record key may not), and old entries are swept now and then, so the memory
 * stays bounded by the mail seen within the retention.
 *
 * @example
 * const memory = new StoreRuleMemory({ records: store.records });
 * if (!(await memory.seenWithin(account, 'vacation', sender, 7 * 86400, now))) await memory.record(account, 'vacation', sender, now);
 */
export class StoreRuleMemory implements RuleMemory {
  readonly #records: RecordStore;
  readonly #retentionSeconds: number;
  readonly #sweepEvery: number;
  #sinceSweep = 0;

  constructor(options: StoreRuleMemoryOptions) {
    this.#records = options.records;
    this.#retentionSeconds = options.retentionSeconds ?? 365 * 86_400;
    this.#sweepEvery = options.sweepEvery ?? 256;
  }

  async seenWithin(account: string, kind: 'vacation' | 'duplicate', key: string, seconds: number, now: Date): Promise<boolean> {
    const entry = await this.#records.get<MemoryEntry>(namespace(kind), hashKey(account, key));
    if (entry === undefined) return false;
    const age = now.getTime() - Date.parse(entry.at);
    return age >= 0 && age < seconds * 1000;
  }

  async record(account: string, kind: 'vacation' | 'duplicate', key: string, now: Date): Promise<void> {
    await this.#records.put<MemoryEntry>(namespace(kind), hashKey(account, key), { account, at: now.toISOString() });
    if (++this.#sinceSweep >= this.#sweepEvery) {
      this.#sinceSweep = 0;
      await this.sweep(now);
    }
  }

  /** Forgets every entry older than the retention; resolves how many went. */
  async sweep(now: Date): Promise<number> {
    let removed = 0;
    for (const kind of ['vacation', 'duplicate'] as const) {
      for (const { key, value } of await this.#records.list<MemoryEntry>(namespace(kind))) {
        if (now.getTime() - Date.parse(value.at) < this.#retentionSeconds * 1000) continue;
        await this.#records.delete(namespace(kind), key);
        removed++;
      }
    }
    return removed;
  }
}

function namespace(kind: 'vacation' | 'duplicate'): string {
  return `rules.memory.${kind}`;
}

function hashKey(account: string, key: string): string {
  return createHash('sha256').update(account).update('\u0000').update(key).digest('hex');
}
