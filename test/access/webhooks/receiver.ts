import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** One request a test receiver got, with its body exactly as sent. */
export interface ReceivedRequest {
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/**
 * A local webhook receiver on 127.0.0.1, port 0. `answer` decides each response (status, or a
 * promise to hold the request open); every request is recorded and announced to waiters.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  readonly #server: Server;
  #waiters: Array<{ count: number; resolve: () => void }> = [];
  answer: (request: ReceivedRequest, index: number) => number | Promise<number> = () => 200;

  constructor() {
    this.#server = createServer((request, response) => void this.#handle(request, response));
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as { port: number }).port}/hook`;
  }

  /** Resolves once `count` requests arrived. */
  waitFor(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const received = { headers: request.headers, body: Buffer.concat(chunks) };
    const index = this.requests.push(received) - 1;
    for (const waiter of this.#waiters.filter((entry) => this.requests.length >= entry.count)) waiter.resolve();
    this.#waiters = this.#waiters.filter((entry) => this.requests.length < entry.count);
    const status = await this.answer(received, index);
    if (!response.destroyed) response.writeHead(status).end();
  }
}
