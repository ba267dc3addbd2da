import type { RecordStore } from '../interfaces/store.js';
import { checkRecordName, invalid } from './validation/arguments.js';

/** What an adapter provides for records: JSON text in, JSON text out. */
export interface RawRecordStore {
  get(namespace: string, key: string): Promise<string | undefined>;
  put(namespace: string, key: string, json: string): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  list(namespace: string): Promise<Array<{ key: string; json: string }>>;
}

/**
 * The {@link RecordStore} callers see: names checked, values turned to JSON and back (so every
 * adapter returns copies, never the object that was put), and every call gated by `ready`.
 */
export function gatedRecordStore(ready: () => Promise<void>, raw: RawRecordStore): RecordStore {
  return {
    async get<T>(namespace: string, key: string): Promise<T | undefined> {
      checkRecordName(namespace, 'namespace');
      checkRecordName(key, 'key');
      await ready();
      const json = await raw.get(namespace, key);
      return json === undefined ? undefined : (JSON.parse(json) as T);
    },
    async put<T>(namespace: string, key: string, value: T): Promise<void> {
      checkRecordName(namespace, 'namespace');
      checkRecordName(key, 'key');
      const json = value === undefined ? undefined : JSON.stringify(value);
      if (json === undefined) throw invalid('A record value must be JSON-serialisable');
      await ready();
      return raw.put(namespace, key, json);
    },
    async delete(namespace: string, key: string): Promise<void> {
      checkRecordName(namespace, 'namespace');
      checkRecordName(key, 'key');
      await ready();
      return raw.delete(namespace, key);
    },
    async list<T>(namespace: string): Promise<Array<{ key: string; value: T }>> {
      checkRecordName(namespace, 'namespace');
      await ready();
      const entries = await raw.list(namespace);
      return entries.map(({ key, json }) => ({ key, value: JSON.parse(json) as T }));
    },
  };
}
