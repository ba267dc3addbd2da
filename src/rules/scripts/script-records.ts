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

  constructor(records: RecordStore) {
    this.#records = records;
  }

  get(account: string | null, name: string): Promise<ScriptRecord | undefined> {
    return this.#records.get<ScriptRecord>(scope(account), name);
  }

  put(account: string | null, record: ScriptRecord): Promise<void> {
    return this.#records.put(scope(account), record.name, record);
  }

  delete(account: string | null, name: string): Promise<void> {
    return this.#records.delete(scope(account), name);
  }

  async list(account: string | null): Promise<ScriptRecord[]> {
    return (await this.#records.list<ScriptRecord>(scope(account))).map((entry) => entry.value);
  }

  active(account: string): Promise<ActiveRecord | undefined> {
    return this.#records.get<ActiveRecord>(ACTIVE_NAMESPACE, account);
  }

  async setActive(account: string, active: ActiveRecord | null): Promise<void> {
    if (active === null) await this.#records.delete(ACTIVE_NAMESPACE, account);
    else await this.#records.put(ACTIVE_NAMESPACE, account, active);
  }
}

function scope(account: string | null): string {
  return account === null ? GLOBAL_SCOPE : `rules.scripts/${account}`;
}
