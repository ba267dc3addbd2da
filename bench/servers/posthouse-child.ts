/**
 * Child process: posthouse as an application would embed it, durable (every 250 follows a synced
 * write) on the level store in the data directory given as the first argument, accepting mail
 * for any address. BENCH_SUMMARIES=inline|false overrides where summaries are parsed (default: the
 * worker thread), to see what they cost.
 */
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { serveBenchControl } from '../lib/bench-control.js';

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
serveBenchControl(smtp.port, () => server.close({ graceMs: 1000 }));
