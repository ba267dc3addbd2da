import { connect, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';

/** A raw ManageSieve client for tests: sends bytes, reads up to the next OK/NO/BYE line. */
export interface RawClient {
  /** The greeting (capabilities and OK). */
  greeting: string;
  /** Sends `text` (CRLF added unless `raw`) and resolves the full response. */
  send(text: string, options?: { raw?: boolean }): Promise<string>;
  /** Resolves the next full response without sending (after STARTTLS). */
  next(): Promise<string>;
  startTls(): Promise<string>;
  close(): void;
}

const COMPLETE = /(?:^|\r\n)(?:OK|NO|BYE)(?: [^\r\n]*)?\r\n$|^""\r\n$/;

export async function rawClient(port: number): Promise<RawClient> {
  let socket: Socket = connect(port, '127.0.0.1');
  let received = '';
  let waiter: ((text: string) => void) | null = null;
  const onData = (chunk: Buffer) => {
    received += chunk.toString('utf8');
    if (waiter !== null && COMPLETE.test(received)) {
      const done = waiter;
      waiter = null;
      const text = received;
      received = '';
      done(text);
    }
  };
  socket.on('data', onData);
  const next = () =>
    new Promise<string>((resolve) => {
      waiter = resolve;
      onData(Buffer.alloc(0));
    });
  const greeting = await next();
  return {
    greeting,
    send(text, options = {}) {
      const reply = next();
      socket.write(options.raw ? text : `${text}\r\n`);
      return reply;
    },
    next,
    async startTls() {
      const ok = next();
      socket.write('STARTTLS\r\n');
      await ok;
      socket.off('data', onData);
      const secure = connectTls({ socket, rejectUnauthorized: false });
      secure.on('data', onData);
      socket = secure;
      return next();
    },
    close: () => socket.destroy(),
  };
}
