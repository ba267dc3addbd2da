import type { Duplex } from 'node:stream';
import { createDirectory } from '../../../src/directory/index.js';
import { ImapServer } from '../../../src/access/imap/server/imap-server.js';
import type { ImapServerOptions } from '../../../src/access/imap/server/imap-server-options.js';
import { memoryDuplexPair } from '../../../src/access/imap/session/memory-duplex.js';
import type { Directory } from '../../../src/interfaces/directory.js';
import type { Store } from '../../../src/interfaces/store.js';
import { memoryStore } from '../../../src/store/index.js';

/**
 * A client that speaks raw IMAP lines to a session and collects what it answers, for tests
 * that check exact replies.
 */
export class ScriptedClient {
  readonly stream: Duplex;
  #buffer = '';
  readonly #lines: string[] = [];
  #wake: (() => void) | null = null;
  #ended = false;
  #tagCounter = 0;

  constructor(stream: Duplex) {
    this.stream = stream;
    stream.setEncoding('latin1');
    stream.on('data', (text: string) => {
      this.#buffer += text;
      let end: number;
      while ((end = this.#buffer.indexOf('\r\n')) >= 0) {
        this.#lines.push(this.#buffer.slice(0, end));
        this.#buffer = this.#buffer.slice(end + 2);
      }
      this.#wake?.();
    });
    stream.on('end', () => {
      this.#ended = true;
      this.#wake?.();
    });
    stream.on('close', () => {
      this.#ended = true;
      this.#wake?.();
    });
  }

  /** The next line the server sends; rejects when the connection ends first. */
  async line(): Promise<string> {
    while (this.#lines.length === 0) {
      if (this.#ended) throw new Error(`connection ended; unterminated: ${JSON.stringify(this.#buffer)}`);
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
    return this.#lines.shift()!;
  }

  /** Whether the server closed the connection (after reading what is left). */
  async closed(): Promise<boolean> {
    while (!this.#ended) await new Promise<void>((resolve) => (this.#wake = resolve));
    return true;
  }

  /** Writes raw bytes. */
  send(data: string | Buffer): void {
    this.stream.write(data);
  }

  /** Sends `tag command` and resolves every line up to and including the tagged reply. */
  async command(text: string, tag = `t${++this.#tagCounter}`): Promise<string[]> {
    this.send(`${tag} ${text}\r\n`);
    return this.until(tag);
  }

  /** Lines up to and including the one that starts with `tag `. */
  async until(tag: string): Promise<string[]> {
    const lines: string[] = [];
    for (;;) {
      const line = await this.line();
      lines.push(line);
      if (line.startsWith(`${tag} `)) return lines;
    }
  }
}

/** A server over a memory store with one account `alice@example.test` / `secret`. */
export interface ImapFixture {
  server: ImapServer;
  store: Store;
  directory: Directory;
  /** Opens an in-memory connection; resolves once the greeting is read. */
  connect(options?: { secure?: boolean }): Promise<{ client: ScriptedClient; greeting: string; done: Promise<void> }>;
  /** Connects and logs in as alice. */
  login(): Promise<ScriptedClient>;
  close(): Promise<void>;
}

export const ALICE = 'alice@example.test';
export const PASSWORD = 'secret';

/** Starts a fixture; close it in `after`. */
export async function imapFixture(options: Partial<ImapServerOptions> = {}): Promise<ImapFixture> {
  const store = memoryStore();
  await store.open();
  const directory = createDirectory({ records: store.records, store });
  await directory.addAccount(ALICE, { password: PASSWORD, createDomain: true });
  const server = new ImapServer({ store, directory, hostname: 'imap.test', imap: false, allowInsecureAuth: true, sleep: async () => {}, ...options });
  const fixture: ImapFixture = {
    server,
    store,
    directory,
    async connect(connectOptions = {}) {
      const [clientEnd, serverEnd] = memoryDuplexPair();
      const done = server.connect(serverEnd, connectOptions);
      const client = new ScriptedClient(clientEnd);
      const greeting = await client.line();
      return { client, greeting, done };
    },
    async login() {
      const { client } = await fixture.connect();
      const reply = await client.command(`LOGIN ${ALICE} ${PASSWORD}`);
      if (!reply.at(-1)!.includes('OK')) throw new Error(`login failed: ${reply.join(' | ')}`);
      return client;
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
  return fixture;
}
