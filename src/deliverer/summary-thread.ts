import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { MessageSummary } from '../interfaces/message.js';
import type { SummarizeOptions } from '../mime/summary.js';
import { JsonSummary } from '../store/summary-json.js';
import type { SummaryReply, SummaryRequest } from './summary-protocol.js';

interface Waiter {
  resolve(summaries: MessageSummary[]): void;
  reject(error: Error): void;
}

/**
 * Where the worker's entry point is: beside this module, with its extension. From the sources
 * under tsx that is `summary-worker.ts`; in the build both files sit at the root of `dist/`
 * (the worker is an entry of its own, this module lands in `index` or a shared chunk there), as
 * `.js` for ESM and `.cjs` for CommonJS.
 */
export function defaultSummaryWorkerUrl(): URL {
  const here = import.meta.url;
  const extension = /\.[cm]?[jt]s$/.exec(new URL(here).pathname)?.[0] ?? '.js';
  return new URL(`./summary-worker${extension}`, here);
}

const WORKER_NAME = 'posthouse-summaries';

/**
 * Starts the worker whose entry is `url`. From the sources under tsx, Node 20 does not give a
 * worker the loader hooks `--import tsx` installed in the main thread (tsx's loader skips worker
 * threads), so the worker registers them with tsx's API before it loads the TypeScript entry.
 * The API's ESM file is named from its CommonJS twin: `import.meta.resolve` would be a syntax
 * error in the CommonJS build, where this path is never taken.
 */
function startWorker(url: URL): Worker {
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { name: WORKER_NAME });
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(bootstrap, { eval: true, name: WORKER_NAME });
}

/**
 * The main thread's side of the summary worker: one `worker_threads` Worker, started on the first
 * request, that parses messages while the main thread goes on answering SMTP. The worker holds
 * the process open only while requests are outstanding, so it never keeps a closed server's
 * process alive. If the worker fails (cannot load, throws, exits), every outstanding request is
 * rejected and {@link available} turns false for good: callers summarise inline from then on.
 */
export class SummaryThread {
  readonly #url: URL;
  readonly #waiting = new Map<number, Waiter>();
  #worker: Worker | null = null;
  #failed = false;
  #nextId = 0;

  constructor(url: URL = defaultSummaryWorkerUrl()) {
    this.#url = url;
  }

  /** False once the worker failed. */
  get available(): boolean {
    return !this.#failed;
  }

  /**
   * Summarises a batch of messages in one round trip to the worker (one wake-up of the worker and
   * one message back, however many); resolves their summaries in order, or rejects if the worker
   * fails first.
   */
  summarizeAll(messages: readonly Uint8Array[], options: SummarizeOptions = {}): Promise<MessageSummary[]> {
    if (this.#failed) return Promise.reject(new Error('the summary worker failed earlier'));
    const worker = this.#worker ?? this.#start();
    const id = ++this.#nextId;
    return new Promise<MessageSummary[]>((resolve, reject) => {
      this.#waiting.set(id, { resolve, reject });
      if (this.#waiting.size === 1) worker.ref();
      worker.postMessage({ id, messages: messages.map(ownBytes), options } satisfies SummaryRequest);
    });
  }

  #start(): Worker {
    const worker = startWorker(this.#url);
    worker.unref();
    worker.on('message', (reply: SummaryReply) => this.#settle(worker, reply));
    worker.on('error', (error) => this.#fail(worker, error));
    worker.on('messageerror', (error) => this.#fail(worker, error));
    worker.on('exit', (code) => this.#fail(worker, new Error(`the summary worker exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #settle(worker: Worker, reply: SummaryReply): void {
    const waiter = this.#waiting.get(reply.id);
    if (waiter === undefined) return;
    this.#waiting.delete(reply.id);
    if (this.#waiting.size === 0) worker.unref();
    waiter.resolve(reply.texts.map((text) => new JsonSummary(text)));
  }

  #fail(worker: Worker, error: Error): void {
    if (this.#worker !== worker) return;
    this.#worker = null;
    this.#failed = true;
    void worker.terminate();
    const waiters = [...this.#waiting.values()];
    this.#waiting.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}

/**
 * `message` as it is when it spans (nearly) all of its ArrayBuffer, else a copy of just its bytes:
 * structured cloning copies a view's whole ArrayBuffer, which for a slice of something large would
 * be far more than the message. Posting the caller's view, rather than transferring a fresh copy
 * of it, spares an allocation per message: it halved what a batch's round trip costs the main
 * thread (~28 to ~14 µs per message here).
 */
function ownBytes(message: Uint8Array): Uint8Array {
  return message.buffer.byteLength <= 2 * message.byteLength + 8192 ? message : new Uint8Array(message);
}

let shared: SummaryThread | null = null;

/** The process's one summary worker, shared by every deliverer. */
export function sharedSummaryThread(): SummaryThread {
  shared ??= new SummaryThread();
  return shared;
}
