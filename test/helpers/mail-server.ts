import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMailServer, type MailServer, type MailServerOptions } from '../../src/server.js';
import { levelStore, memoryStore } from '../../src/store/index.js';
import type { Store } from '../../src/interfaces/store.js';

/** The store adapters every end-to-end scenario runs against. */
export const storeKinds = ['memory', 'level'] as const;
export type StoreKind = (typeof storeKinds)[number];

/** A server listening on a random port of 127.0.0.1, and how to stop it and remove its data. */
export interface RunningServer {
  server: MailServer;
  port: number;
  close(): Promise<void>;
}

/** Server options without the store and the port, which the helper chooses. */
export type ServerOptions = Omit<MailServerOptions, 'store' | 'smtp'> & {
  smtp?: Omit<Exclude<MailServerOptions['smtp'], false | undefined>, 'port' | 'host'>;
};

/**
 * Starts a whole mail server on port 0 over a fresh store: in memory, or LevelDB in a temporary
 * directory removed again by `close()`. A given `store` wins over `kind`.
 */
export async function startMailServer(kind: StoreKind, options: ServerOptions & { store?: Store } = {}): Promise<RunningServer> {
  const directory = kind === 'level' && !options.store ? await mkdtemp(path.join(tmpdir(), 'posthouse-e2e-')) : null;
  const store = options.store ?? (directory ? levelStore({ path: directory }) : memoryStore());
  const server = createMailServer({ hostname: 'mx.posthouse.test', ...options, store, smtp: { ...options.smtp, host: '127.0.0.1', port: 0 } });
  try {
    const { smtp } = await server.listen();
    return {
      server,
      port: smtp!.port,
      async close() {
        try {
          await server.close({ graceMs: 500 });
        } finally {
          if (directory) await rm(directory, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (directory) await rm(directory, { recursive: true, force: true });
    throw error;
  }
}
