import { SMTPServer, type SMTPServerAddress } from 'smtp-server';

/** What an in-process remote MTA received: one entry per accepted transaction. */
export interface RemoteDelivery {
  mailFrom: string;
  rcptTo: string[];
  raw: Buffer;
}

/** How the remote answers one RCPT: accept, or refuse with a reply (e.g. `450 4.2.0 try later`). */
export type RcptVerdict = (recipient: string, attempt: number) => 'accept' | { code: number; message: string };

/**
 * A remote receiving MTA on a loopback port (smtp-server), recording what it accepted. `verdict`
 * decides each RCPT; `attempt` counts the RCPTs seen for that recipient, starting at 1.
 */
export async function startRemote(verdict: RcptVerdict = () => 'accept'): Promise<{ port: number; received: RemoteDelivery[]; close(): Promise<void> }> {
  const received: RemoteDelivery[] = [];
  const attempts = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const attempt = (attempts.get(address.address) ?? 0) + 1;
      attempts.set(address.address, attempt);
      const answer = verdict(address.address, attempt);
      if (answer === 'accept') return callback();
      callback(Object.assign(new Error(answer.message), { responseCode: answer.code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (address === null || typeof address === 'string') throw new Error('remote has no port');
  return { port: address.port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
