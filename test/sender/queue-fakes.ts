import type { RecipientAttempt, Transport, TransportAttempt } from '../../src/interfaces/sender.js';

/** A verdict for one recipient: the status, and optionally the reply. */
export type Verdict = RecipientAttempt['status'] | Partial<RecipientAttempt> & { status: RecipientAttempt['status'] };

/** A transport for queue tests: answers each recipient with `decide`, records every call with its bytes. */
export interface FakeTransport extends Transport {
  calls: Array<{ attempt: TransportAttempt; raw: Buffer }>;
  closed: boolean;
}

const defaultReplies = { delivered: [250, '2.0.0', 'ok'], deferred: [451, '4.3.0', 'try later'], failed: [550, '5.1.1', 'no such user'] } as const;

export function fakeTransport(decide: (recipient: string, attempt: TransportAttempt) => Verdict | Promise<Verdict> = () => 'delivered'): FakeTransport {
  const transport: FakeTransport = {
    calls: [],
    closed: false,
    async send(attempt) {
      transport.calls.push({ attempt, raw: await attempt.source.buffer() });
      const results: RecipientAttempt[] = [];
      for (const recipient of attempt.recipients) {
        const verdict = await decide(recipient, attempt);
        const status = typeof verdict === 'string' ? verdict : verdict.status;
        const [responseCode, enhancedCode, reply] = defaultReplies[status];
        results.push({ recipient, status, responseCode, enhancedCode, reply, remoteHost: `mx.${attempt.domain}`, ...(typeof verdict === 'string' ? {} : verdict) });
      }
      return results;
    },
    async close() {
      transport.closed = true;
    },
  };
  return transport;
}

/** A promise with its resolve, for transports that wait for the test. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
