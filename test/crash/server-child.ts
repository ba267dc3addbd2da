/**
 * Child process for the crash tests: posthouse, durable on the level store in the data directory
 * given as the first argument, accepting any address on a free port. Prints `listening <port>` on
 * stdout once it accepts connections; it is meant to be killed, not stopped.
 */
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';

const dataDirectory = process.argv[2];
if (!dataDirectory) throw new Error('usage: server-child.ts <data directory>');

const server = createMailServer({
  hostname: 'crash.posthouse.test',
  store: levelStore({ path: dataDirectory, sync: true }),
  // All 32 load sessions come from 127.0.0.1; the default per-address cap is 20.
  smtp: { port: 0, host: '127.0.0.1', limits: { maxConnectionsPerIp: 64 } },
  directory: { acceptAll: true },
});
const { smtp } = await server.listen();
process.stdout.write(`listening ${smtp?.port}\n`);
