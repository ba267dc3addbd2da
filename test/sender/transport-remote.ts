import { SMTPServer, type SMTPServerAddress, type SMTPServerOptions } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** What a test remote received in one transaction. */
export interface ReceivedTransaction {
  mailFrom: string;
  mailArgs: Record<string, unknown>;
  recipients: Array<{ address: string; args: Record<string, unknown> }>;
  raw: Buffer;
  secure: boolean;
  user: string | undefined;
}

/** A reply a hook gives: nothing (accept) or a code and text. */
export type RemoteRefusal = { code: number; text: string } | undefined;

/** A receiving SMTP server on 127.0.0.1, port 0, that records transactions and refuses on demand. */
export interface TestRemote {
  port: number;
  received: ReceivedTransaction[];
  /** Sessions opened (onConnect) and ended (onClose) so far. */
  sessions: { opened: number; ended: number };
  /** Resolves once `count` sessions have ended. */
  untilEnded(count: number): Promise<void>;
  /** Closes every open session from the server's side, as an idle timeout would. */
  dropSessions(): void;
  close(): Promise<void>;
}

function refusal(reply: { code: number; text: string }): Error {
  return Object.assign(new Error(reply.text), { responseCode: reply.code });
}

/** Starts a remote; `rcpt`/`data` decide refusals, `tls` offers STARTTLS, `users` turns AUTH on. */
export async function startRemote(options: {
  rcpt?: (address: string) => RemoteRefusal;
  data?: () => RemoteRefusal;
  tls?: { key: string; cert: string };
  users?: Record<string, string>;
  /** Leave SMTPUTF8 out of EHLO. */
  hideSmtpUtf8?: boolean;
} = {}): Promise<TestRemote> {
  const received: ReceivedTransaction[] = [];
  const sessions = { opened: 0, ended: 0 };
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const serverOptions: SMTPServerOptions = {
    logger: false,
    hideDSN: false,
    hideSMTPUTF8: options.hideSmtpUtf8 === true,
    size: 10 * 1024 * 1024,
    authOptional: options.users === undefined,
    disabledCommands: [...(options.tls === undefined ? ['STARTTLS'] : []), ...(options.users === undefined ? ['AUTH'] : [])],
    ...(options.tls ?? {}),
    onConnect(_session, callback) {
      sessions.opened += 1;
      callback();
    },
    onClose() {
      sessions.ended += 1;
      for (const waiter of waiters.filter((entry) => sessions.ended >= entry.count)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    },
    onAuth(auth, _session, callback) {
      const expected = options.users?.[auth.username ?? ''];
      if (expected !== undefined && expected === auth.password) return callback(null, { user: auth.username });
      callback(Object.assign(new Error('5.7.8 invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const refused = options.rcpt?.(address.address);
      callback(refused === undefined ? null : refusal(refused));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mailFrom = session.envelope.mailFrom;
        received.push({
          mailFrom: mailFrom === false ? '' : mailFrom.address,
          mailArgs: (mailFrom === false ? {} : (mailFrom.args as Record<string, unknown>)) ?? {},
          recipients: session.envelope.rcptTo.map((rcpt) => ({ address: rcpt.address, args: (rcpt.args as Record<string, unknown>) ?? {} })),
          raw: Buffer.concat(chunks),
          secure: session.secure,
          user: session.user as string | undefined,
        });
        const refused = options.data?.();
        callback(refused === undefined ? null : refusal(refused));
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    sessions,
    untilEnded: (count) => (sessions.ended >= count ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ count, resolve }))),
    dropSessions: () => {
      for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections) connection.close();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
