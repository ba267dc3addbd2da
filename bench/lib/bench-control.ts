/**
 * The child side of a benchmark server process. Over the IPC channel the child reports where it
 * listens, samples its own RSS (so the peak covers the whole measured stretch, not one instant),
 * reports its CPU time, and stops on request. Running each server in a child of its own gives it a clean RSS, its own
 * heap and GC, and the same event-loop footing for every peer: the load client is the only thing
 * the parent process runs.
 */

import { performance } from 'node:perf_hooks';
import { threadCpu, type ThreadCpu } from './thread-cpu.js';

/** Messages the parent sends. */
export type ControlRequest = { type: 'reset-peak-rss' } | { type: 'stats' } | { type: 'summaries' } | { type: 'stop' };

/**
 * Messages the child sends. `cpuMicros` is the CPU time (user + system) the child has used so
 * far: per message, it is a figure a noisy shared machine disturbs far less than throughput.
 * `threads` splits it by kind of thread (null off Linux), and `eventLoopActiveMs` is how long the
 * event loop has spent running callbacks rather than waiting: over a stretch of wall time, the
 * main thread's utilisation, which tells whether that thread is what limits the rate.
 */
export type ControlReply =
  | { type: 'listening'; port: number }
  | { type: 'stats'; peakRssBytes: number; cpuMicros: number; threads: ThreadCpu | null; eventLoopActiveMs: number }
  /** Stored messages, and how many of them carry their summary once the server has none left to parse. */
  | { type: 'summaries'; messages: number; summarized: number }
  | { type: 'stopped' };

const RSS_SAMPLE_MS = 25;

/**
 * Announces `port` to the parent and serves its requests until `stop`, which runs `close` and exits.
 * `countSummaries` answers `summaries` (a server that stores nothing has none to count).
 *
 * @example
 * serveBenchControl(port, () => server.close());
 */
export function serveBenchControl(port: number, close: () => Promise<void>, countSummaries?: () => Promise<{ messages: number; summarized: number }>): void {
  const send = (reply: ControlReply): void => {
    process.send?.(reply);
  };
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
  }, RSS_SAMPLE_MS);
  process.on('message', (request: ControlRequest) => {
    if (request.type === 'reset-peak-rss') peakRss = process.memoryUsage.rss();
    if (request.type === 'stats') {
      const cpu = process.cpuUsage();
      send({
        type: 'stats',
        peakRssBytes: Math.max(peakRss, process.memoryUsage.rss()),
        cpuMicros: cpu.user + cpu.system,
        threads: threadCpu(),
        eventLoopActiveMs: performance.eventLoopUtilization().active,
      });
    }
    if (request.type === 'summaries') {
      void (countSummaries?.() ?? Promise.resolve({ messages: 0, summarized: 0 })).then((counts) => send({ type: 'summaries', ...counts }));
    }
    if (request.type === 'stop') {
      clearInterval(sampler);
      void close().then(() => {
        send({ type: 'stopped' });
        // exit() rather than waiting for the loop to drain: a --cpu-prof profile is written either way.
        process.exit(0);
      });
    }
  });
  send({ type: 'listening', port });
}
