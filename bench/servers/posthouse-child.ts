/**
 * Child process: posthouse as an application would embed it, durable (every 250 follows a synced
 * write) on the level store in the data directory given as the first argument, accepting mail
 * for any address. BENCH_SUMMARIES=inline|false overrides where summaries are parsed (default: the
 * worker thread), to see what they cost.
 */
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { serveBenchControl } from '../lib/bench-control.js';
import { recipientFor } from '../lib/smtp-load.js';

const LOAD_MAILBOXES = 8;

const dataDirectory = process.argv[2];
if (!dataDirectory) throw new Error('usage: posthouse-child.ts <data directory>');

const server = createMailServer({
  hostname: 'bench.posthouse.test',
  store: levelStore({ path: dataDirectory, sync: true }),
  // All 32 load sessions come from 127.0.0.1; the default per-address cap is 20.
  smtp: { port: 0, host: '127.0.0.1', limits: { maxConnectionsPerIp: 64 } },
  directory: { acceptAll: true },
  ...(process.env.BENCH_SUMMARIES ? { summaries: process.env.BENCH_SUMMARIES === 'false' ? false : (process.env.BENCH_SUMMARIES as 'inline') } : {}),
});
const { smtp } = await server.listen();
if (!smtp) throw new Error('the SMTP listener did not start');
serveBenchControl(smtp.port, () => server.close({ graceMs: 1000 }), async () => {
  await server.deliverer.idle();
  let messages = 0;
  let summarized = 0;
  // the load spreads its messages over these addresses (bench/lib/smtp-load.ts)
  for (let index = 0; index < LOAD_MAILBOXES; index += 1) {
    const account = recipientFor(index, LOAD_MAILBOXES);
    if ((await server.store.mailboxStatus(account, 'INBOX')) === null) continue;
    for (const message of await server.store.listMessages(account, 'INBOX')) {
      messages += 1;
      if (message.summary !== null) summarized += 1;
    }
  }
  return { messages, summarized };
});
