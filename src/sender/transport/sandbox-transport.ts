import type { RecipientAttempt, Transport, TransportAttempt } from '../../interfaces/sender.js';

/** A transport that keeps what it was given. */
export interface SandboxTransport extends Transport {
  /** Every attempt in the order it came, with the message bytes. */
  readonly sent: Array<{ attempt: TransportAttempt; raw: Buffer }>;
}

/**
 * The transport of test servers: it never connects anywhere, captures each attempt with its bytes
 * and answers `delivered` (250 2.0.0) for every recipient.
 *
 * @example
 * const transport = sandboxTransport();
 * await transport.send(attempt);
 * transport.sent[0]?.raw.toString();
 */
export function sandboxTransport(): SandboxTransport {
  const sent: Array<{ attempt: TransportAttempt; raw: Buffer }> = [];
  return {
    sent,
    async send(attempt: TransportAttempt): Promise<RecipientAttempt[]> {
      sent.push({ attempt, raw: await attempt.source.buffer() });
      return attempt.recipients.map((recipient) => ({
        recipient,
        status: 'delivered',
        responseCode: 250,
        enhancedCode: '2.0.0',
        reply: '250 2.0.0 captured by the sandbox transport',
        remoteHost: null,
      }));
    },
    async close(): Promise<void> {},
  };
}
