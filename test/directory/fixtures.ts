import type { Quota, RecordStore, SpecialUse, Store } from '../../src/interfaces/store.js';

/** A RecordStore over a Map, as small as the contract allows; values are copied like a real store would. */
export function mapRecords(): RecordStore & { size(): number } {
  const data = new Map<string, Map<string, string>>();
  const space = (namespace: string): Map<string, string> => {
    let entries = data.get(namespace);
    if (!entries) data.set(namespace, (entries = new Map()));
    return entries;
  };
  return {
    async get<T>(namespace: string, key: string) {
      const value = space(namespace).get(key);
      return value === undefined ? undefined : (JSON.parse(value) as T);
    },
    async put<T>(namespace: string, key: string, value: T) {
      space(namespace).set(key, JSON.stringify(value));
    },
    async delete(namespace: string, key: string) {
      space(namespace).delete(key);
    },
    async list<T>(namespace: string) {
      return [...space(namespace).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, value]) => ({ key, value: JSON.parse(value) as T }));
    },
    size: () => [...data.values()].reduce((total, entries) => total + entries.size, 0),
  };
}

/** The calls the directory made on a store. */
export interface StoreCalls {
  ensureAccount: Array<{ account: string; mailboxes: Array<{ name: string; specialUse: SpecialUse }> }>;
  deleteAccount: string[];
  setQuota: Array<{ account: string; quota: Quota }>;
}

/** A Store that records the account calls the directory makes; anything else is not expected. */
export function recordingStore(records: RecordStore): { store: Store; calls: StoreCalls } {
  const calls: StoreCalls = { ensureAccount: [], deleteAccount: [], setQuota: [] };
  const store = {
    records,
    async ensureAccount(account: string, mailboxes: Array<{ name: string; specialUse: SpecialUse }> = []) {
      calls.ensureAccount.push({ account, mailboxes });
    },
    async deleteAccount(account: string) {
      calls.deleteAccount.push(account);
    },
    async setQuota(account: string, quota: Quota) {
      calls.setQuota.push({ account, quota });
    },
  };
  return { store: store as unknown as Store, calls };
}
