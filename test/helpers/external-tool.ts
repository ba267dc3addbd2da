import { spawn } from 'node:child_process';

/** What a finished child process left. */
export interface ToolRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a program without blocking the event loop (the server under test lives in this process),
 * feeding `input` to its standard input; resolves once it exits, or rejects when it runs past
 * `timeoutMs` (it is killed then).
 */
export function runTool(command: string, args: readonly string[], options: { input?: string | Buffer; timeoutMs?: number } = {}): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ran past ${options.timeoutMs ?? 30_000} ms; stdout so far:\n${Buffer.concat(stdout).toString()}`));
    }, options.timeoutMs ?? 30_000);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}

/**
 * Fails (never skips) when a peer program is missing, saying what to install: CI installs these
 * Debian packages before the interop run, so a missing one is a broken setup, not an optional test.
 */
export async function requireTool(command: string, debianPackage: string): Promise<void> {
  const found = await runTool('sh', ['-c', `command -v ${command}`]).catch(() => null);
  if (found?.code !== 0) throw new Error(`${command} is not on PATH: install ${debianPackage} (apt-get install -y ${debianPackage})`);
}
