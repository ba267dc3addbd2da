import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const mainFile = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** What a finished `posthouse` process left. */
export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Every listener but SMTP on a free port, so test files running side by side never collide on a
 * default port (2143, 2110, …). Unknown variables are ignored by the CLI, so listeners of later
 * roles are covered before they exist.
 */
const freePorts: Record<string, string> = Object.fromEntries(
  ['IMAP', 'IMAPS', 'POP3', 'POP3S', 'SUBMISSION', 'SUBMISSIONS', 'MANAGESIEVE', 'HTTP'].map((listener) => [`POSTHOUSE_${listener}_PORT`, '0']),
);

/** The environment of a child: this one without any POSTHOUSE_ variable, plus free ports and `extra`. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('POSTHOUSE_')));
  return { ...env, ...freePorts, ...extra };
}

function startChild(args: string[], options: { env?: Record<string, string>; cwd?: string }): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', mainFile, ...args], {
    cwd: options.cwd ?? root,
    env: childEnv(options.env ?? {}),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

async function finish(child: ChildProcess, stdout: { text: string }, stderr: { text: string }): Promise<Finished> {
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function collect(child: ChildProcess): { stdout: { text: string }; stderr: { text: string } } {
  const stdout = { text: '' };
  const stderr = { text: '' };
  child.stdout?.on('data', (chunk) => (stdout.text += String(chunk)));
  child.stderr?.on('data', (chunk) => (stderr.text += String(chunk)));
  return { stdout, stderr };
}

/** Runs `posthouse ARGS` (from the sources, through tsx) to its end. */
export async function runPosthouse(args: string[], options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {}): Promise<Finished> {
  const child = startChild(args, options);
  const { stdout, stderr } = collect(child);
  child.stdin?.end(options.stdin ?? '');
  return finish(child, stdout, stderr);
}

/** A `posthouse serve` child that printed its start lines. */
export interface RunningServe {
  child: ChildProcess;
  /** The port of the SMTP listener line, or null when there was none. */
  smtpPort: number | null;
  stdout(): string;
  /** Sends the signal and resolves how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<Finished>;
}

/**
 * Starts `posthouse serve ARGS` and resolves once it printed a line matching `waitFor` (default:
 * its SMTP listener line); rejects with what it printed if it exits first.
 */
export async function startServe(
  args: string[],
  options: { env?: Record<string, string>; cwd?: string; waitFor?: RegExp } = {},
): Promise<RunningServe> {
  const waitFor = options.waitFor ?? /^posthouse: SMTP listening on /m;
  const child = startChild(['serve', ...args], options);
  const { stdout, stderr } = collect(child);
  child.stdin?.end();
  const exited = finish(child, stdout, stderr);
  await new Promise<void>((resolve, reject) => {
    const look = (): void => {
      if (waitFor.test(stdout.text)) {
        child.stdout?.off('data', look);
        resolve();
      }
    };
    child.stdout?.on('data', look);
    void exited.then((result) => reject(new Error(`serve exited early (${result.code}): ${result.stdout}${result.stderr}`)));
  });
  const smtpLine = /^posthouse: SMTP listening on 127\.0\.0\.1:(\d+)$/m.exec(stdout.text);
  return {
    child,
    smtpPort: smtpLine === null ? null : Number(smtpLine[1]),
    stdout: () => stdout.text,
    async stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}
