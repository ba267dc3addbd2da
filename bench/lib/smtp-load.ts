import { connect, type Socket } from 'node:net';
import { buildLoadMessage, type LoadMessage } from './test-mail.js';
import { SmtpReplyReader, type SmtpReply } from './smtp-reply-reader.js';

/** Options of {@link runSmtpLoad}. */
export interface SmtpLoadOptions {
  host: string;
  port: number;
  /** Concurrent SMTP sessions, each reusing its connection for many transactions. */
  sessions: number;
  /** Messages to send across all sessions; `Infinity` sends until the connections die. */
  messages: number;
  /** Keeps tokens unique across runs (and across restarts of a server on the same store). */
  runId: string;
  /** Recipients are spread over this many addresses (`user<n>@load.posthouse.test`). Default 8. */
  mailboxes?: number;
  /** Called for every message the server accepted with `250` at the end of DATA. */
  onAccepted?: (message: LoadMessage) => void;
}

/** What a load run saw. */
export interface SmtpLoadResult {
  /** Messages answered `250` at the end of DATA. */
  accepted: number;
  /** Transactions that ended on any other reply, by reply code. */
  rejected: Record<number, number>;
  /** Sessions that ended on a socket error or an unexpected close, with the reason. */
  sessionErrors: string[];
  elapsedMs: number;
}

/** The recipient of message `sequence` when load is spread over `mailboxes` addresses. */
export function recipientFor(sequence: number, mailboxes: number): string {
  return `user${sequence % mailboxes}@load.posthouse.test`;
}

const SENDER = 'orders@shop.example.test';

/**
 * Sends `messages` test messages over `sessions` concurrent SMTP sessions on raw sockets (cheap on
 * CPU, unlike a full client). Each session says EHLO once, then runs MAIL/RCPT/DATA transactions
 * back to back, pipelining MAIL+RCPT+DATA when the server advertises PIPELINING (RFC 2920), and
 * QUITs at the end. Resolves once every session has ended, whether cleanly or on a dead socket.
 *
 * @example
 * const result = await runSmtpLoad({ host: '127.0.0.1', port, sessions: 32, messages: 5000, runId: 'r1' });
 */
export async function runSmtpLoad(options: SmtpLoadOptions): Promise<SmtpLoadResult> {
  const mailboxes = options.mailboxes ?? 8;
  const result: SmtpLoadResult = { accepted: 0, rejected: {}, sessionErrors: [], elapsedMs: 0 };
  let nextSequence = 0;
  const takeSequence = (): number | null => (nextSequence < options.messages ? nextSequence++ : null);
  const started = performance.now();
  const record = (message: LoadMessage, reply: SmtpReply): void => {
    if (reply.code === 250) {
      result.accepted += 1;
      options.onAccepted?.(message);
    } else {
      result.rejected[reply.code] = (result.rejected[reply.code] ?? 0) + 1;
    }
  };
  const sessions = Array.from({ length: options.sessions }, () =>
    runSession(options, mailboxes, takeSequence, record).catch((error: Error) => {
      result.sessionErrors.push(error.message);
    }),
  );
  await Promise.all(sessions);
  result.elapsedMs = performance.now() - started;
  return result;
}

async function runSession(
  options: SmtpLoadOptions,
  mailboxes: number,
  takeSequence: () => number | null,
  record: (message: LoadMessage, reply: SmtpReply) => void,
): Promise<void> {
  const socket = await openSocket(options.host, options.port);
  const replies = new SmtpReplyReader(socket);
  try {
    expectCode(await replies.next(), 220, 'greeting');
    socket.write('EHLO load.posthouse.test\r\n');
    const ehlo = expectCode(await replies.next(), 250, 'EHLO');
    const pipelining = ehlo.lines.some((line) => line.toUpperCase() === 'PIPELINING');
    for (let sequence = takeSequence(); sequence !== null; sequence = takeSequence()) {
      const recipient = recipientFor(sequence, mailboxes);
      const message = buildLoadMessage(options.runId, sequence, recipient);
      const reply = await transaction(socket, replies, pipelining, recipient, message);
      record(message, reply);
      if (reply.code === 421) return;
    }
    socket.write('QUIT\r\n');
    await replies.next();
  } finally {
    socket.destroy();
  }
}

/** One MAIL/RCPT/DATA transaction; resolves the reply that ended it. */
async function transaction(socket: Socket, replies: SmtpReplyReader, pipelining: boolean, recipient: string, message: LoadMessage): Promise<SmtpReply> {
  const commands = [`MAIL FROM:<${SENDER}>\r\n`, `RCPT TO:<${recipient}>\r\n`, 'DATA\r\n'];
  let refusal: SmtpReply | null = null;
  if (pipelining) {
    socket.write(commands.join(''));
    for (const expected of [250, 250]) {
      const reply = await replies.next();
      if (reply.code !== expected) refusal ??= reply;
    }
  } else {
    for (const command of commands.slice(0, 2)) {
      socket.write(command);
      const reply = await replies.next();
      if (reply.code !== 250) return reply;
    }
    socket.write(commands[2]!);
  }
  const dataReply = await replies.next();
  if (dataReply.code !== 354) return refusal ?? dataReply;
  // A server that answers DATA with 354 takes the message, whatever it said before.
  socket.write(message.wire);
  return replies.next();
}

function expectCode(reply: SmtpReply, code: number, stage: string): SmtpReply {
  if (reply.code !== code) throw new Error(`${stage}: expected ${code}, got ${reply.code} ${reply.lines.join(' / ')}`);
  return reply;
}

function openSocket(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true });
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
