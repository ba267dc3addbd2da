import { createDirectory } from '../../../src/directory/index.js';
import type { Directory } from '../../../src/interfaces/directory.js';
import type { Store } from '../../../src/interfaces/store.js';
import { Pop3Server, type Pop3ServerOptions } from '../../../src/access/pop3/index.js';
import { generateDevCertificate } from '../../../src/receiver/dev-tls.js';
import { memoryStore } from '../../../src/store/index.js';
import { Pop3Client } from './pop3-client.js';

/** The account every fixture has, with its password. */
export const ALICE = { address: 'alice@example.test', password: 's3cret pass' };

/** A memory store, a directory with {@link ALICE}, and a POP3 server on a random port. */
export interface Pop3Fixture {
  store: Store;
  directory: Directory;
  server: Pop3Server;
  port: number;
  /** Port of the implicit-TLS listener, when `tls` was asked for. */
  tlsPort: number | null;
  /** The failure counts the auth delay was called with. */
  delays: number[];
  /** Appends a message to alice's INBOX. */
  append(raw: string | Buffer): Promise<number>;
  /** Connects, checks the greeting, and logs alice in with USER/PASS. */
  login(): Promise<Pop3Client>;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | undefined;

/** A throw-away certificate, made once per test process (RSA generation is slow). */
export function testCertificate(): Promise<{ key: string; cert: string }> {
  certificate ??= generateDevCertificate('localhost');
  return certificate;
}

/** Starts a fixture; `tls` adds STLS and an implicit-TLS listener. */
export async function startPop3(options: { tls?: boolean } & Partial<Omit<Pop3ServerOptions, 'tls'>> = {}): Promise<Pop3Fixture> {
  const store = memoryStore();
  await store.open();
  const directory = createDirectory({ records: store.records, store });
  await directory.addAccount(ALICE.address, { password: ALICE.password, createDomain: true });
  const delays: number[] = [];
  const { tls: withTls, ...rest } = options;
  const server = new Pop3Server({
    store,
    directory,
    hostname: 'pop.example.test',
    allowInsecureAuth: true,
    authFailureDelay: async (failures) => {
      delays.push(failures);
    },
    ...rest,
    ...(withTls ? { tls: await testCertificate() } : {}),
  });
  const { port } = await server.listen({ port: 0 });
  const tlsPort = withTls ? (await server.listen({ port: 0, implicitTls: true })).port : null;
  const clients: Pop3Client[] = [];
  return {
    store,
    directory,
    server,
    port,
    tlsPort,
    delays,
    async append(raw) {
      return (await store.append({ account: ALICE.address, mailbox: 'INBOX' }, Buffer.from(raw))).uid;
    },
    async login() {
      const { client } = await Pop3Client.connect(port);
      clients.push(client);
      const user = await client.command(`USER ${ALICE.address}`);
      const pass = await client.command(`PASS ${ALICE.password}`);
      if (user !== '+OK' || pass !== '+OK Logged in.') throw new Error(`login failed: ${user} / ${pass}`);
      return client;
    },
    async close() {
      for (const client of clients) client.close();
      await server.close({ graceMs: 1000 });
      await store.close();
    },
  };
}
