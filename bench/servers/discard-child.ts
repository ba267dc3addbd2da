/** Child process: the baseline smtp-server that discards every message. */
import { serveBenchControl } from '../lib/bench-control.js';
import { startDiscardServer } from '../lib/discard-server.js';

const server = await startDiscardServer('127.0.0.1');
serveBenchControl(server.port, server.close);
