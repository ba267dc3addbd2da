import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

const childScript = new URL('./server-child.ts', import.meta.url);

/** A posthouse server in a child process, to be SIGKILLed. */
export interface ChildServer {
  port: number;
  /** SIGKILLs the child and resolves once it is gone (its store files are then free). */
  kill(): Promise<void>;
}

/** Starts `server-child.ts` on `dataDirectory` and waits for the port it prints. */
export async function startChildServer(dataDirectory: string): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript.pathname, dataDirectory], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text;
      const match = /listening (\d+)\n/.exec(stdout);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server child exited with ${code} before listening: ${stderr}`)));
  });
  return { port, kill: () => killAndWait(child) };
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
