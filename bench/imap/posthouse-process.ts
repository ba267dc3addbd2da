import { fork } from 'node:child_process';
import type { ControlReply, ControlRequest } from '../lib/bench-control.js';

const childScript = new URL('./posthouse-imap-child.ts', import.meta.url);

/** The posthouse IMAP server running in a child process (see posthouse-imap-child.ts). */
export interface PosthouseProcess {
  pid: number;
  port: number;
  stop(): Promise<void>;
}

/** Fills the level store at `path` in a child process of its own and waits for it to finish. */
export async function fillPosthouseStore(path: string, small: number, large: number): Promise<void> {
  const child = fork(childScript, ['fill', path, String(small), String(large)], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`filling the posthouse store failed (exit ${code})`);
}

/** Starts the IMAP server on the store at `path`; `nodeOptions` go to node, e.g. `--cpu-prof`. */
export async function startPosthouse(path: string, nodeOptions: string[] = []): Promise<PosthouseProcess> {
  const child = fork(childScript, ['serve', path], { execArgv: ['--import', 'tsx', ...nodeOptions], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the posthouse IMAP child exited with ${code} before listening`)));
    child.on('message', (reply: ControlReply) => {
      if (reply.type === 'listening') resolve(reply.port);
    });
  });
  child.removeAllListeners('exit');
  return {
    pid: child.pid!,
    port,
    stop: async () => {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies ControlRequest);
      await exited;
    },
  };
}
