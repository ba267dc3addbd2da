import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/interfaces/store.js';
import { levelStore, type LevelStoreOptions } from '../../src/store/index.js';
import type { StoreFactory } from '../../src/testing/store-compliance.js';

/** A fresh directory under the system temp directory. */
export function temporaryDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'posthouse-store-'));
}

/** A compliance factory for levelStore: a new temp directory per store, removed by dispose(). */
export function levelFactory(options: Omit<LevelStoreOptions, 'path'> = {}): StoreFactory {
  const directories: string[] = [];
  let current: Store | undefined;
  return {
    async create() {
      const path = await temporaryDirectory();
      directories.push(path);
      current = levelStore({ ...options, path });
      return current;
    },
    async reopen() {
      await current?.close();
      current = levelStore({ ...options, path: directories.at(-1)! });
      return current;
    },
    async dispose() {
      await current?.close();
      current = undefined;
      await Promise.all(directories.splice(0).map((path) => rm(path, { recursive: true, force: true })));
    },
  };
}
