/**
 * The summary worker's entry point (a `worker_threads` Worker started by {@link SummaryThread}):
 * it summarises the messages it is sent, one at a time, so that MIME parsing never runs on the
 * thread that answers SMTP. Requests are `{ id, messages, options }` (a batch of messages' bytes,
 * and {@link summarize}'s options for them); each reply is `{ id, texts }`, each summary's JSON
 * text ({@link summaryText}), in order. `summarize` never throws, so every request gets its reply.
 *
 * @module
 */
import { constants, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { bufferSource } from '../core/message-source.js';
import { summarize } from '../mime/summary.js';
import { summaryText } from '../mime/summary-text.js';
import type { SummaryReply, SummaryRequest } from './summary-protocol.js';

const port = parentPort;
if (port === null) throw new Error('summary-worker runs as a worker thread only');

// Summaries are background work: on Linux a nice value is per thread, so this one yields the CPU
// to the thread answering SMTP whenever both want it. Behind under load, the indexer's bounded
// queue fills and summaries are skipped (readers compute them on demand) instead of SMTP slowing.
try {
  setPriority(0, constants.priority.PRIORITY_LOW);
} catch {
  // not permitted here: the worker just runs at the process's priority
}

// one parse at a time: a burst of queued requests must not become a burst of parsers in memory
let tail = Promise.resolve();
port.on('message', ({ id, messages, options }: SummaryRequest) => {
  tail = tail.then(async () => {
    const summaries = [];
    for (const message of messages) summaries.push(await summarize(bufferSource(Buffer.from(message.buffer, message.byteOffset, message.byteLength)), options));
    // the text a store writes, made here rather than on the thread that answers SMTP
    port.postMessage({ id, texts: summaries.map(summaryText) } satisfies SummaryReply);
  });
});
