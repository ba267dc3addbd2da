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
   * `include`); kept only when this process is the store's one writer, and forgotten on each write
   * (before it, so no read during the write caches the old list, and after it, for one that did).
   */
  readonly #lists: Map<string, ScriptRecord[]> | null;
  /** Each account's active script (null: none), read on every delivery; kept and forgotten as the lists are. */
  readonly #active: Map<string, ActiveRecord | null> | null;

  constructor(records: RecordStore, options: { cache: boolean }) {
    this.#records = records;
    this.#lists = options.cache ? new Map() : null;
    this.#active = options.cache ? new Map() : null;
  }

  get(account: string | null, name: string): Promise<ScriptRecord | undefined> {
    return this.#records.get<ScriptRecord>(scope(account), name);
  }

  async put(account: string | null, record: ScriptRecord): Promise<void> {
    this.#lists?.delete(scope(account));
    await this.#records.put(scope(account), record.name, record);
    this.#lists?.delete(scope(account));
  }

  async delete(account: string | null, name: string): Promise<void> {
    this.#lists?.delete(scope(account));
    await this.#records.delete(scope(account), name);
    this.#lists?.delete(scope(account));
  }

  async list(account: string | null): Promise<ScriptRecord[]> {
    const key = scope(account);
    const cached = this.#lists?.get(key);
    if (cached !== undefined) return cached;
    const listed = (await this.#records.list<ScriptRecord>(key)).map((entry) => entry.value);
    this.#lists?.set(key, listed);
    return listed;
  }

  async active(account: string): Promise<ActiveRecord | undefined> {
    const cached = this.#active?.get(account);
    if (cached !== undefined) return cached ?? undefined;
    const active = await this.#records.get<ActiveRecord>(ACTIVE_NAMESPACE, account);
    this.#active?.set(account, active ?? null);
    return active;
  }

  async setActive(account: string, active: ActiveRecord | null): Promise<void> {
    this.#active?.delete(account);
    if (active === null) await this.#records.delete(ACTIVE_NAMESPACE, account);
    else await this.#records.put(ACTIVE_NAMESPACE, account, active);
    this.#active?.delete(account);
  }
}

function scope(account: string | null): string {
  return account === null ? GLOBAL_SCOPE : `rules.scripts/${account}`;
}
