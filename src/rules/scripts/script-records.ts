import type { RecordStore } from '../../interfaces/store.js';

/** One stored script: its text and a revision that changes with every write (cache key). */
export interface ScriptRecord {
  name: string;
  text: string;
  revision: string;
  updatedAt: string;
}

/** Which script of an account is active, and its revision when it was activated or last written. */
export interface ActiveRecord {
  name: string;
  revision: string;
}

/** Global scripts (run before every account's own) live under this account-like scope. */
const GLOBAL_SCOPE = 'rules.global';
const ACTIVE_NAMESPACE = 'rules.active';

/**
 * The record layout of script storage, in the store's {@link RecordStore}:
 * `rules.scripts/<account>` → name → {@link ScriptRecord}, `rules.active` → account → {@link ActiveRecord},
 * `rules.global` → name → {@link ScriptRecord}. One namespace per account keeps `list` to that account.
 */
export class ScriptRecords {
  readonly #records: RecordStore;
  /**
   * Script lists by scope, read on every delivery (global scripts, and the account's own for
   * `include`); kept only when this process is the store's one writer.
   */
  readonly #lists: Map<string, ScriptRecord[]> | null;
  /** Each account's active script (null: none), read on every delivery; kept as the lists are. */
  readonly #active: Map<string, ActiveRecord | null> | null;
  /**
   * Writes begun and ended. A read during which it changed may hold what a write replaced, so
   * it is not kept; an entry a write touches is forgotten when the write begins and ends.
   */
  #writes = 0;

  constructor(records: RecordStore, options: { cache: boolean }) {
    this.#records = records;
    this.#lists = options.cache ? new Map() : null;
    this.#active = options.cache ? new Map() : null;
  }

  get(account: string | null, name: string): Promise<ScriptRecord | undefined> {
    return this.#records.get<ScriptRecord>(scope(account), name);
  }

  put(account: string | null, record: ScriptRecord): Promise<void> {
    return this.#write(() => this.#lists?.delete(scope(account)), () => this.#records.put(scope(account), record.name, record));
  }

  delete(account: string | null, name: string): Promise<void> {
    return this.#write(() => this.#lists?.delete(scope(account)), () => this.#records.delete(scope(account), name));
  }

  async list(account: string | null): Promise<ScriptRecord[]> {
    const key = scope(account);
    const cached = this.#lists?.get(key);
    if (cached !== undefined) return cached;
    const writes = this.#writes;
    const listed = (await this.#records.list<ScriptRecord>(key)).map((entry) => entry.value);
    if (writes === this.#writes) this.#lists?.set(key, listed);
    return listed;
  }

  async active(account: string): Promise<ActiveRecord | undefined> {
    const cached = this.#active?.get(account);
    if (cached !== undefined) return cached ?? undefined;
    const writes = this.#writes;
    const active = await this.#records.get<ActiveRecord>(ACTIVE_NAMESPACE, account);
    if (writes === this.#writes) this.#active?.set(account, active ?? null);
    return active;
  }

  setActive(account: string, active: ActiveRecord | null): Promise<void> {
    return this.#write(
      () => this.#active?.delete(account),
      () => (active === null ? this.#records.delete(ACTIVE_NAMESPACE, account) : this.#records.put(ACTIVE_NAMESPACE, account, active)),
    );
  }

  async #write(forget: () => void, write: () => Promise<void>): Promise<void> {
    this.#writes += 1;
    forget();
    try {
      await write();
    } finally {
      this.#writes += 1;
      forget();
    }
  }
}

function scope(account: string | null): string {
  return account === null ? GLOBAL_SCOPE : `rules.scripts/${account}`;
}
