import { chmod, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join, relative, resolve } from 'node:path';
import { silentLogger } from '../core/logger.js';
import { ErrorCodes } from '../errors/codes.js';
import { isPosthouseError, PosthouseError } from '../errors/posthouse-error.js';
import type { Logger } from '../interfaces/logger.js';
import {
  CONTROL_METHODS,
  checkParams,
  ControlError,
  ControlErrorCodes,
  isControlMethod,
  type ControlledDirectory,
  type ControlMethod,
  type ControlResponse,
} from './control-protocol.js';
import { LineSplitter } from './line-splitter.js';

/** Largest request line the server reads (64 KiB); larger ones close the connection. */
const MAX_REQUEST_BYTES = 64 * 1024;
/** Largest reply line the client reads (64 MiB: a long account list). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Requests a connection may queue before the server stops reading from it. */
const MAX_QUEUED_REQUESTS = 32;
/** A connection idle this long is closed. */
const IDLE_TIMEOUT_MS = 60_000;

/** The control socket of the server that runs on `dataDir`. */
export function controlSocketPath(dataDir: string): string {
  return join(resolve(dataDir), 'control.sock');
}

/** A running control socket server. */
export interface ControlServer {
  readonly path: string;
  /** Stops accepting, lets requests in flight finish, removes the socket file. */
  close(): Promise<void>;
}

/**
 * Serves the whitelisted directory methods on a Unix socket (mode 0600) as newline-delimited JSON:
 * `{ id, method, params }` → `{ id, result }` or `{ id, error: { code, message } }`. A socket file
 * left by a killed server is replaced; a live one is an error.
 *
 * @example
 * const control = await startControlServer({ path: controlSocketPath('./data'), directory: server.directory });
 */
export async function startControlServer(options: {
  path: string;
  directory: ControlledDirectory;
  logger?: Logger;
  maxRequestBytes?: number;
}): Promise<ControlServer> {
  const logger = options.logger ?? silentLogger;
  const maxRequestBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;
  const live = await connectControlSocket(options.path);
  if (live !== null) {
    live.close();
    throw new ControlError(ControlErrorCodes.UNREACHABLE, `another server answers on ${options.path}`);
  }
  await rm(options.path, { force: true });
  const closers = new Set<() => void>();
  // Half-open: a client may send its requests and shut its side (`nc -U`); replies still go out.
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    const end = serveConnection(socket, options.directory, maxRequestBytes, logger);
    closers.add(end);
    socket.on('close', () => closers.delete(end));
  });
  await listenPrivately(server, options.path);
  return {
    path: options.path,
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      for (const end of closers) end();
      await closed;
      await rm(options.path, { force: true });
    },
  };
}

/** Binds with a umask that leaves the socket to its owner only, then sets 0600 explicitly. */
async function listenPrivately(server: Server, path: string): Promise<void> {
  const previousMask = process.umask(0o177);
  try {
    await new Promise<void>((done, fail) => {
      server.once('error', fail);
      server.listen(shortAddress(path), () => {
        server.off('error', fail);
        done();
      });
    });
  } finally {
    process.umask(previousMask);
  }
  await chmod(path, 0o600);
}

/**
 * Handles one connection: requests run one after the other, replies carry their id. Returns the
 * function that ends the connection once its queued requests are answered.
 */
function serveConnection(socket: Socket, directory: ControlledDirectory, maxRequestBytes: number, logger: Logger): () => void {
  const splitter = new LineSplitter(maxRequestBytes);
  const queue: string[] = [];
  let working = false;
  let ending = false;
  const send = (response: ControlResponse): void => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
  };
  const end = (): void => {
    ending = true;
    if (!working) socket.end();
  };
  const work = async (): Promise<void> => {
    working = true;
    for (let line = queue.shift(); line !== undefined; line = queue.shift()) {
      if (line.trim() !== '') send(await answer(line, directory, logger));
      if (queue.length < MAX_QUEUED_REQUESTS / 2) socket.resume();
    }
    working = false;
    if (ending) socket.end();
  };
  socket.setTimeout(IDLE_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', (error) => logger.debug({ error: error.message }, 'control connection failed'));
  socket.on('end', end);
  socket.on('data', (chunk: Buffer) => {
    if (ending) return;
    const lines = splitter.push(chunk);
    if (lines === null) {
      queue.length = 0;
      send({ id: null, error: { code: ControlErrorCodes.REQUEST_TOO_LARGE, message: `request larger than ${maxRequestBytes} bytes` } });
      end();
      return;
    }
    queue.push(...lines);
    if (queue.length >= MAX_QUEUED_REQUESTS) socket.pause();
    if (!working) void work();
  });
  return end;
}

/** Checks one request line and runs it against the directory. */
async function answer(line: string, directory: ControlledDirectory, logger: Logger): Promise<ControlResponse> {
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { id: null, error: { code: ControlErrorCodes.REQUEST_INVALID, message: 'request is not valid JSON' } };
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) {
    return { id: null, error: { code: ControlErrorCodes.REQUEST_INVALID, message: 'request must be an object { id, method, params }' } };
  }
  const { id, method, params } = request as Record<string, unknown>;
  if (typeof id !== 'string' && typeof id !== 'number') {
    return { id: null, error: { code: ControlErrorCodes.REQUEST_INVALID, message: 'request id must be a string or a number' } };
  }
  if (!isControlMethod(method)) {
    return { id, error: { code: ControlErrorCodes.METHOD_UNKNOWN, message: `unknown method ${JSON.stringify(method)}` } };
  }
  const args = checkParams(method, params ?? []);
  if (typeof args === 'string') return { id, error: { code: ControlErrorCodes.REQUEST_INVALID, message: args } };
  try {
    const call = directory[method] as (...parameters: unknown[]) => Promise<unknown>;
    return { id, result: (await call.apply(directory, args)) ?? null };
  } catch (error) {
    if (isPosthouseError(error)) return { id, error: { code: error.code, message: error.message } };
    logger.error({ method, error: error instanceof Error ? error.stack : String(error) }, 'control request failed');
    return { id, error: { code: ControlErrorCodes.INTERNAL, message: `internal error in ${method}; see the server log` } };
  }
}

/** A connection to a running server's control socket. */
export interface ControlClient {
  /** The whitelisted directory methods, called on the server. */
  readonly directory: ControlledDirectory;
  /** Sends one request; resolves its result or rejects with the error it carries. */
  call(method: ControlMethod, params: unknown[]): Promise<unknown>;
  close(): void;
}

/**
 * Connects to a control socket; resolves null when no server answers there (no file, or a stale
 * one). Directory errors come back as {@link PosthouseError} with their code, protocol errors as
 * {@link ControlError}.
 */
export async function connectControlSocket(path: string, options: { timeoutMs?: number } = {}): Promise<ControlClient | null> {
  const socket = await new Promise<Socket | null>((done, fail) => {
    const attempt = connect(shortAddress(path));
    attempt.once('connect', () => done(attempt));
    attempt.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ECONNREFUSED') done(null);
      else fail(new ControlError(ControlErrorCodes.UNREACHABLE, `cannot reach the control socket ${path}: ${error.message}`));
    });
  });
  return socket === null ? null : controlClient(socket, path, options.timeoutMs ?? 30_000);
}

function controlClient(socket: Socket, path: string, timeoutMs: number): ControlClient {
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const splitter = new LineSplitter(MAX_RESPONSE_BYTES);
  let nextId = 1;
  const failAll = (message: string): void => {
    for (const waiter of pending.values()) waiter.reject(new ControlError(ControlErrorCodes.UNREACHABLE, message));
    pending.clear();
  };
  socket.on('data', (chunk: Buffer) => {
    const lines = splitter.push(chunk);
    if (lines === null) return socket.destroy(new Error('reply too large'));
    for (const line of lines) settle(pending, line);
  });
  socket.on('error', (error) => failAll(`control connection to ${path} failed: ${error.message}`));
  socket.on('close', () => failAll(`the server closed the control connection ${path}`));
  const call = (method: ControlMethod, params: unknown[]): Promise<unknown> => {
    const id = nextId++;
    while (params.length > 0 && params[params.length - 1] === undefined) params = params.slice(0, -1);
    return new Promise((resolvePromise, rejectPromise) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        rejectPromise(new ControlError(ControlErrorCodes.UNREACHABLE, `no reply from ${path} within ${timeoutMs} ms`));
      }, timeoutMs);
      const clear = <T>(then: (value: T) => void) => (value: T) => (clearTimeout(timer), then(value));
      pending.set(id, { resolve: clear(resolvePromise), reject: clear(rejectPromise) });
      socket.write(`${JSON.stringify({ id, method, params })}\n`);
    });
  };
  const directory = Object.fromEntries(
    Object.keys(CONTROL_METHODS).map((method) => [method, (...params: unknown[]) => call(method as ControlMethod, params)]),
  ) as unknown as ControlledDirectory;
  return { directory, call, close: () => socket.end() };
}

/** Resolves the waiter of one reply line; lines that match no request are dropped. */
function settle(pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>, line: string): void {
  let response: { id?: unknown; result?: unknown; error?: { code?: unknown; message?: unknown } };
  try {
    response = JSON.parse(line) as typeof response;
  } catch {
    return;
  }
  const waiter = typeof response.id === 'number' ? pending.get(response.id) : undefined;
  if (waiter === undefined || typeof response.id !== 'number') return;
  pending.delete(response.id);
  if (response.error === undefined) return waiter.resolve(response.result);
  const code = String(response.error.code);
  const message = String(response.error.message);
  waiter.reject(Object.hasOwn(ErrorCodes, code) ? new PosthouseError(code as keyof typeof ErrorCodes, message) : new ControlError(ControlErrorCodes.INTERNAL, `${code}: ${message}`));
}

/**
 * Unix socket paths are limited to about 107 bytes; a relative path from the working directory
 * is used when it is shorter than the absolute one.
 */
function shortAddress(path: string): string {
  const fromHere = relative(process.cwd(), path);
  return fromHere.length < path.length ? fromHere : path;
}
