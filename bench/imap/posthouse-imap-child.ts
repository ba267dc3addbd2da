/**
 * Child process for the IMAP benchmark, in one of two modes:
 *
 *   fill <dir> <small> <large>   writes the mailboxes straight into a level store (no SMTP) and exits
 *   serve <dir>                  serves that store over IMAP on 127.0.0.1 (port 0), limits raised
 *                                for a thousand connections of one account
 *
 * Filling in a process of its own keeps its garbage out of the serving process's RSS.
 */
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { summarize } from '../../src/mime/summary.js';
import { DELIVERY_SUMMARY } from '../../src/deliverer/indexer.js';
import { bufferSource } from '../../src/core/message-source.js';
import type { Store } from '../../src/interfaces/store.js';
import { serveBenchControl } from '../lib/bench-control.js';
import { benchDate, benchMessage, type MessageKind } from './bench-messages.js';
import { BENCH_ACCOUNT, BENCH_PASSWORD, MAILBOX_OF } from './bench-account.js';

/** Deliveries in flight at once while filling: the level store batches them into one write. */
const IN_FLIGHT = 256;

async function fillMailbox(store: Store, kind: MessageKind, count: number): Promise<void> {
  const mailbox = MAILBOX_OF[kind];
  await store.createMailbox(BENCH_ACCOUNT, mailbox);
  // Summaries are parsed once per template: parsing 100,000 copies would only time the parser.
  // They are what the deliverer records: no IMAP renderings, which the first FETCH needing them makes.
  const summaries = [await summarize(bufferSource(benchMessage(kind, 0)), DELIVERY_SUMMARY), await summarize(bufferSource(benchMessage(kind, 1)), DELIVERY_SUMMARY)];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await store.deliver({
        source: benchMessage(kind, index),
        targets: [{ account: BENCH_ACCOUNT, mailbox }],
        internalDate: benchDate(index),
        summary: summaries[index % 2]!,
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function fill(path: string, small: number, large: number): Promise<void> {
  const store = levelStore({ path, sync: false });
  await store.open();
  await store.ensureAccount(BENCH_ACCOUNT);
  await fillMailbox(store, 'small', small);
  await fillMailbox(store, 'large', large);
  await store.close();
}

async function serve(path: string): Promise<void> {
  const many = 5000;
  const server = createMailServer({
    hostname: 'bench.posthouse.test',
    store: levelStore({ path, sync: true }),
    smtp: false,
    imap: { port: 0, host: '127.0.0.1', allowInsecureAuth: true, limits: { maxConnections: many, maxConnectionsPerIp: many, maxConnectionsPerAccount: many } },
    rules: false,
  });
  const { imap } = await server.listen();
  if (!imap) throw new Error('the IMAP listener did not start');
  // A store served before (a second run on the same directory) already holds the account.
  if (!(await server.directory.getAccount(BENCH_ACCOUNT))) await server.directory.addAccount(BENCH_ACCOUNT, { password: BENCH_PASSWORD, createDomain: true });
  serveBenchControl(imap.port, () => server.close({ graceMs: 200 }));
}

const [mode, path, small, large] = process.argv.slice(2);
if (mode === 'fill' && path) await fill(path, Number(small), Number(large));
else if (mode === 'serve' && path) await serve(path);
else throw new Error('usage: posthouse-imap-child.ts fill <dir> <small> <large> | serve <dir>');
