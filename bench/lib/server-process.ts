import { fork, type ChildProcess } from 'node:child_process';
import type { ControlReply, ControlRequest } from './bench-control.js';
import type { ThreadCpu } from './thread-cpu.js';

/** A benchmark server running in a child process of its own. */
export interface ServerProcess {
  port: number;
  /** Starts a new peak-RSS window. */
  resetPeakRss(): Promise<void>;
  /**
   * The highest RSS sampled since the last reset; the CPU time used since the child started, in
   * all and by kind of thread (null off Linux); how long its event loop has been busy.
   */
  stats(): Promise<ServerStats>;
  /** Stored messages and how many carry their summary, once the server has parsed what it will. */
  summaries(): Promise<{ messages: number; summarized: number }>;
  /** Asks the server to close, then waits for the process to exit. */
  stop(): Promise<void>;
}

/** What {@link ServerProcess.stats} reports. */
export interface ServerStats {
  peakRssBytes: number;
  cpuMicros: number;
  threads: ThreadCpu | null;
  eventLoopActiveMs: number;
}

/**
 * Forks `script` (a TypeScript entry run through tsx) and waits until it reports its port.
 * `nodeOptions` go before the script, e.g. `--cpu-prof`.
 *
 * @example
 * const server = await startServerProcess(new URL('../servers/discard-child.ts', import.meta.url), []);
 */
export async function startServerProcess(script: URL, nodeOptions: string[], args: string[] = []): Promise<ServerProcess> {
  const child = fork(script, args, { execArgv: ['--import', 'tsx', ...nodeOptions], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server ${script.pathname} exited with ${code} before listening`)));
    child.once('message', (reply: ControlReply) => {
      if (reply.type === 'listening') resolve(reply.port);
    });
  });
  child.removeAllListeners('exit');
  return {
    port,
    resetPeakRss: async () => {
      child.send({ type: 'reset-peak-rss' } satisfies ControlRequest);
    },
    stats: async () => {
      const reply = await request(child, { type: 'stats' });
      if (reply.type !== 'stats') throw new Error(`expected stats from the server child, got ${reply.type}`);
      return { peakRssBytes: reply.peakRssBytes, cpuMicros: reply.cpuMicros, threads: reply.threads, eventLoopActiveMs: reply.eventLoopActiveMs };
    },
    summaries: async () => {
      const reply = await request(child, { type: 'summaries' });
      if (reply.type !== 'summaries') throw new Error(`expected a summaries reply, got ${reply.type}`);
      return { messages: reply.messages, summarized: reply.summarized };
    },
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ControlRequest);
      await exited;
    },
  };
}

function request(child: ChildProcess, message: ControlRequest): Promise<ControlReply> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send(message);
  });
}
