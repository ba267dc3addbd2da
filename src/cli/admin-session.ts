import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { isPosthouseError, PosthouseError } from '../errors/posthouse-error.js';
import type { FlagSpec, CommandInput } from './command.js';
import type { ControlledDirectory } from './control-protocol.js';
import { connectControlSocket, controlSocketPath } from './control-socket.js';

/** The `--data` flag every admin command takes. */
export const dataFlag: FlagSpec = {
  type: 'string',
  valueName: 'DIR',
  description: 'data directory (default ./posthouse-data, or env POSTHOUSE_DATA)',
};

/** The data directory an admin command works on: `--data`, else `POSTHOUSE_DATA`, else the default. */
export function dataDirectory(input: CommandInput): string {
  const flag = input.flags['data'];
  if (typeof flag === 'string') return flag;
  const fromEnv = input.io.env['POSTHOUSE_DATA'];
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : './posthouse-data';
}

/** The error of a data directory that another process holds. */
export function dataDirectoryInUse(dataDir: string, cause?: unknown): PosthouseError {
  return new PosthouseError(ErrorCodes.STORE_LOCKED, `the data directory ${dataDir} is in use by another posthouse process`, { cause });
}

/**
 * Runs `work` against the directory of `dataDir`: through the control socket of the server that
 * runs there, or, when none answers, on the store opened here (created only when `create` is set,
 * so a mistyped `--data` on a list or remove is an error, not a new empty store).
 */
export async function withDirectory<T>(dataDir: string, create: boolean, work: (directory: ControlledDirectory) => Promise<T>): Promise<T> {
  const socketPath = controlSocketPath(dataDir);
  const client = await connectControlSocket(socketPath);
  if (client !== null) {
    try {
      return await work(client.directory);
    } finally {
      client.close();
    }
  }
  if (!create && !(await isDirectory(dataDir))) {
    throw new PosthouseError(ErrorCodes.CONFIG_INVALID, `no data directory at ${dataDir}`);
  }
  // Loaded here, not at the top: help and the control socket path do not need the mail server.
  const [{ createMailServer }, { levelStore }] = await Promise.all([import('../server.js'), import('../store/index.js')]);
  const server = createMailServer({ store: levelStore({ path: resolve(dataDir) }), smtp: false });
  try {
    await server.listen();
  } catch (error) {
    if (!isPosthouseError(error, ErrorCodes.STORE_LOCKED)) throw error;
    // A server may have taken the store between our two attempts; its socket answers by now.
    const lateClient = await connectControlSocket(socketPath);
    if (lateClient === null) throw dataDirectoryInUse(dataDir, error);
    try {
      return await work(lateClient.directory);
    } finally {
      lateClient.close();
    }
  }
  try {
    return await work((await import('./rules-control.js')).controlTarget(server));
  } finally {
    await server.close();
  }
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
