import { randomBytes } from 'node:crypto';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { MailServer, type MailServerOptions } from '../server.js';
import { sandboxTransport } from '../sender/transport/index.js';
import type { StoreChange } from '../interfaces/store.js';
import { parseMessage } from '../mime/parse.js';
import { describeMatch, messageMatches, type MessageMatch } from './message-match.js';
import type { TestMessage } from './test-message.js';

/** Options of {@link startTestServer}: any server option but the listener ports, which are random. */
export type TestServerOptions = Omit<MailServerOptions, 'smtp'> & { smtp?: Omit<NonNullable<Exclude<MailServerOptions['smtp'], false>>, 'port'> };

/** A running test server. */
export interface TestServer {
  /** Where to send mail: host and the random port it got. */
  readonly smtp: { host: string; port: number };
  /** Where to read mail over IMAP (plaintext LOGIN allowed): host and its random port. */
  readonly imap: { host: string; port: number };
  /** Where to read mail over POP3 (USER/PASS allowed without TLS): host and its random port. */
  readonly pop3: { host: string; port: number };
  /** The HTTP API on its random port (open without a key, for test suites): `${http.url}/api/...`. */
  readonly http: { host: string; port: number; url: string };
  /**
   * Creates the account `address` (or resets its password) and resolves credentials for IMAP
   * LOGIN (and POP3 USER/PASS).
   */
  login(address: string): Promise<{ user: string; pass: string }>;
  /** The full server, for tests that need more (directory, store, events). */
  readonly server: MailServer;
  /**
   * Resolves with the first message (already arrived or arriving) that matches, once it is stored
   * and parsed; rejects after `timeoutMs` (default 5000) with a list of what did arrive.
   */
  waitForMessage(match?: MessageMatch, options?: { timeoutMs?: number }): Promise<TestMessage>;
  /** Every message arrived so far that matches, oldest first. */
  messages(filter?: MessageMatch): TestMessage[];
  /**
   * What the server would have sent to other servers (redirects, vacation replies, bounces,
   * submissions): the sender's sandbox transport captures it, one entry per transaction, and
   * never opens an outbound connection.
   */
  outbox(): Array<{ envelope: { mailFrom: string; rcptTo: string[] }; raw: Buffer }>;
  /** Forgets and deletes every message. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

interface Waiter {
  match: MessageMatch | undefined;
  resolve(message: TestMessage): void;
  reject(error: Error): void;
}

/**
 * Starts an in-memory mail server for a test suite: random free port on 127.0.0.1, every
 * recipient accepted (each address its own account), nothing ever relayed (outbound mail is
 * captured in {@link TestServer.outbox}), AUTH allowed without TLS.
 *
 * @example
 * const mail = await startTestServer();
 * await sendSignupEmail({ host: mail.smtp.host, port: mail.smtp.port });
 * const message = await mail.waitForMessage({ to: 'new@user.test', subject: /welcome/i });
 * await mail.close();
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const sandbox = sandboxTransport();
  const server = new MailServer({
    hostname: 'posthouse.test',
    ...options,
    sender: options.sender === false ? false : { transport: sandbox, ...options.sender },
    directory: { acceptAll: true, ...options.directory },
    smtp: { allowInsecureAuth: true, ...options.smtp, host: options.smtp?.host ?? '127.0.0.1', port: 0 },
    imap: { allowInsecureAuth: true, ...options.imap, host: (options.imap || undefined)?.host ?? '127.0.0.1', port: 0 },
    pop3: { allowInsecureAuth: true, ...options.pop3, host: (options.pop3 || undefined)?.host ?? '127.0.0.1', port: 0 },
    http: { requireAuth: false, allowInsecureAuth: true, ...options.http, host: (options.http || undefined)?.host ?? '127.0.0.1', port: 0 },
  });
  const arrived: TestMessage[] = [];
  const waiters = new Set<Waiter>();
  const envelopes = new Map<string, { from: string; to: string[] }>();
  const accounts = new Set<string>();
  const copyKey = (account: string, mailbox: string, uid: number): string => `${account}\u0000${mailbox}\u0000${uid}`;

  server.on('delivered', ({ account, mailbox, uid, mailFrom, recipient }) => {
    const key = copyKey(account, mailbox, uid);
    const envelope = envelopes.get(key) ?? { from: mailFrom, to: [] };
    if (!envelope.to.includes(recipient)) envelope.to.push(recipient);
    envelopes.set(key, envelope);
  });

  let processing: Promise<void> = Promise.resolve();
  const onChange = (change: StoreChange): void => {
    if (change.type !== 'appended') return;
    processing = processing.then(() => collect(change.account, change.mailbox, change.uid)).catch(() => {});
  };

  async function collect(account: string, mailbox: string, uid: number): Promise<void> {
    // The deliverer reports the envelope right after the store's write resolves; one macrotask later it is known.
    await nextMacrotask();
    const source = await server.store.readMessage(account, mailbox, uid);
    const parsed = await parseMessage(source);
    const key = copyKey(account, mailbox, uid);
    const envelope = envelopes.get(key) ?? { from: '', to: [account] };
    envelopes.delete(key);
    accounts.add(account);
    const message: TestMessage = { ...parsed, envelope, raw: await source.buffer(), account, mailbox, uid };
    arrived.push(message);
    for (const waiter of waiters) {
      if (messageMatches(message, waiter.match)) {
        waiters.delete(waiter);
        waiter.resolve(message);
      }
    }
  }

  const unwatch = server.store.watch(onChange);
  const addresses = await server.listen();
  const smtp = addresses.smtp!;
  const imap = addresses.imap!;
  const pop3 = addresses.pop3!;
  const http = { ...addresses.http!, url: `http://${addresses.http!.host}:${addresses.http!.port}` };

  return {
    smtp,
    imap,
    pop3,
    http,
    async login(address) {
      const pass = randomBytes(12).toString('base64url');
      const existing = await server.directory.getAccount(address);
      if (existing === null) await server.directory.addAccount(address, { password: pass, createDomain: true });
      else await server.directory.setPassword(address, pass);
      return { user: (await server.directory.getAccount(address))!.address, pass };
    },
    server,
    messages: (filter) => arrived.filter((message) => messageMatches(message, filter)),
    outbox: () => sandbox.sent.map(({ attempt, raw }) => ({ envelope: { mailFrom: attempt.mailFrom, rcptTo: [...attempt.recipients] }, raw })),
    waitForMessage(match, { timeoutMs = 5000 } = {}) {
      const found = arrived.find((message) => messageMatches(message, match));
      if (found) return Promise.resolve(found);
      return new Promise<TestMessage>((resolve, reject) => {
        const waiter: Waiter = {
          match,
          resolve: (message) => {
            clearTimeout(timer);
            resolve(message);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(timeoutReport(match, timeoutMs, arrived)));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    async reset() {
      await processing;
      // Messages go; accounts, mailboxes and passwords stay, so accounts a test created keep working.
      for (const account of accounts) {
        for (const mailbox of await server.store.listMailboxes(account)) {
          await server.store.updateFlags(account, mailbox.name, {}, { operation: 'add', flags: ['\\Deleted'] });
          await server.store.expunge(account, mailbox.name);
        }
      }
      arrived.length = 0;
    },
    async close() {
      unwatch();
      for (const waiter of waiters) waiter.reject(new Error('waitForMessage: the test server was closed'));
      waiters.clear();
      await server.close({ graceMs: 1000 });
      await processing;
    },
  };
}

function timeoutReport(match: MessageMatch | undefined, timeoutMs: number, arrived: TestMessage[]): string {
  const lines = arrived.map((message) => `  - to ${message.envelope.to.join(', ')} from ${message.envelope.from || '<>'}: ${JSON.stringify(message.subject)}`);
  const seen = arrived.length === 0 ? 'No message arrived.' : `${arrived.length} message(s) arrived:\n${lines.join('\n')}`;
  return `waitForMessage: ${describeMatch(match)} did not arrive within ${timeoutMs} ms. ${seen}`;
}
