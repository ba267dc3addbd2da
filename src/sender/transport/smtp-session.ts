import { Readable } from 'node:stream';
import type SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { SMTPConnectionOptions } from 'nodemailer/lib/smtp-connection';
import { lazyImport } from '../../core/lazy-module.js';
import type { RecipientAttempt, TransportAttempt } from '../../interfaces/sender.js';
import { outcomeOfClientError, outcomeOfReply, type Outcome } from './smtp-replies.js';

/** nodemailer's SMTP client, loaded on the first outbound session: a server that relays nothing need not hold it. */
const loadSmtpConnection = lazyImport(async () => (await import('nodemailer/lib/smtp-connection')).default);

/**
 * An open SMTP session, greeted, EHLO'd, upgraded to TLS when offered and logged in when asked;
 * `ehlo` is the server's last EHLO reply (its extensions).
 */
export type OpenSession = { ok: true; connection: SMTPConnection; ehlo: string } | { ok: false; outcome: Outcome };

/**
 * Opens a session with nodemailer's SMTP client; never rejects: a failure comes back as the
 * outcome every recipient should get. `error` events are caught here so none escapes as a crash.
 */
export async function openSession(options: SMTPConnectionOptions, auth?: { user: string; pass: string }): Promise<OpenSession> {
  const Connection = await loadSmtpConnection();
  return new Promise((resolve) => {
    const connection = new Connection(options);
    let settled = false;
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      // A certificate that fails to verify surfaces as a socket error; only the upgrade in
      // progress tells it apart from a dropped connection.
      const duringTls = connection.upgrading === true;
      connection.close();
      resolve({ ok: false, outcome: outcomeOfClientError(duringTls ? Object.assign(error as object, { code: 'ETLS', response: undefined }) : error) });
    };
    connection.on('error', fail);
    connection.connect((connectError) => {
      if (connectError) return fail(connectError);
      // Right after the handshake the last reply is the EHLO one (nodemailer keeps no public list).
      const ehlo = connection.lastServerResponse || '';
      if (auth === undefined) {
        settled = true;
        return resolve({ ok: true, connection, ehlo });
      }
      connection.login({ user: auth.user, pass: auth.pass }, (loginError) => {
        if (loginError) return fail(loginError);
        settled = true;
        resolve({ ok: true, connection, ehlo });
      });
    });
  });
}

/** Whether the message holds bytes above 127, so MAIL FROM should say BODY=8BITMIME (RFC 6152). */
function hasEightBitBytes(raw: Buffer): boolean {
  for (const byte of raw) if (byte > 127) return true;
  return false;
}

/** The result of one recipient from an outcome, with the host that gave it. */
function attemptOf(recipient: string, outcome: Outcome, remoteHost: string | null): RecipientAttempt {
  return { recipient, status: outcome.status, responseCode: outcome.responseCode, enhancedCode: outcome.enhancedCode, reply: outcome.reply, remoteHost };
}

/** Every recipient with the same outcome (a connection failure, a refused MAIL FROM or DATA). */
export function allRecipients(attempt: TransportAttempt, outcome: Outcome, remoteHost: string | null): RecipientAttempt[] {
  return attempt.recipients.map((recipient) => attemptOf(recipient, outcome, remoteHost));
}

interface RejectedRecipient {
  recipient?: string;
  response?: string;
}

/** Whether any envelope address holds non-ASCII characters (RFC 6531 §3.3). */
function hasUtf8Address(attempt: TransportAttempt): boolean {
  return [attempt.mailFrom, ...attempt.recipients].some((address) => /[^\x00-\x7f]/.test(address));
}

/**
 * A message that needs SMTPUTF8 cannot go to a server that does not announce it (RFC 6531 §3.2):
 * that fails with 5.6.7 for a UTF-8 address, 5.6.9 for UTF-8 headers only (RFC 6533 §3).
 */
function refusedForSmtpUtf8(attempt: TransportAttempt, ehlo: string): Outcome | null {
  const utf8Address = hasUtf8Address(attempt);
  if ((attempt.smtpUtf8 !== true && !utf8Address) || /[ -]SMTPUTF8\b/im.test(ehlo)) return null;
  return {
    status: 'failed',
    responseCode: null,
    enhancedCode: utf8Address ? '5.6.7' : '5.6.9',
    reply: 'the remote server does not support SMTPUTF8, which this message needs (RFC 6531)',
  };
}

/** What one transaction gave, and what it left the session fit for. */
export interface TransactionResult {
  results: RecipientAttempt[];
  /** The session is still open and may carry another transaction. */
  reusable: boolean;
  /** The transaction ended in a refusal, so an RSET should precede the next one. */
  needsReset: boolean;
  /** The connection broke before the message body went out: the remote cannot have accepted it. */
  lostBeforeBody: boolean;
}

/** nodemailer's error codes for a connection that broke (as opposed to a reply or a timeout). */
const BROKEN_CONNECTION = new Set(['ECONNECTION', 'ESOCKET']);

/**
 * Runs one transaction (RFC 5321 §3.3) on an open session: MAIL FROM with SIZE, BODY=8BITMIME,
 * SMTPUTF8 and the DSN parameters RET/ENVID where the server announced them (nodemailer adds
 * each only then, and PIPELINING when offered), one RCPT TO per recipient, DATA. The answer is per
 * recipient: the RCPT reply for a refused one, the DATA reply for the others. Never rejects.
 * SMTPUTF8 goes out when an address needs it; a message whose only UTF-8 is in its headers is
 * sent with BODY=8BITMIME alone (nodemailer decides the keyword from the addresses).
 */
export async function runTransaction(session: { connection: SMTPConnection; ehlo: string }, attempt: TransportAttempt, remoteHost: string): Promise<TransactionResult> {
  const { connection } = session;
  const utf8Refusal = refusedForSmtpUtf8(attempt, session.ehlo);
  if (utf8Refusal !== null) return { results: allRecipients(attempt, utf8Refusal, remoteHost), reusable: true, needsReset: false, lostBeforeBody: false };
  const raw = await attempt.source.buffer();
  const envelope = {
    from: attempt.mailFrom === '' ? (false as const) : attempt.mailFrom,
    to: attempt.recipients,
    size: raw.length,
    use8BitMime: attempt.smtpUtf8 === true || hasEightBitBytes(raw),
    ...(attempt.dsn !== undefined ? { dsn: { ret: attempt.dsn.ret ?? null, envid: attempt.dsn.envid ?? null } } : {}),
  };
  // nodemailer reads the message only once DATA got its 354, so a first read means the body is going out.
  let bodyStarted = false;
  const body = new Readable({
    read() {
      bodyStarted = true;
      this.push(raw);
      this.push(null);
    },
  });
  return new Promise((resolve) => {
    const refusedByRcpt = (rejected: RejectedRecipient[] | undefined): Map<string, Outcome> =>
      new Map((rejected ?? []).map((entry) => [entry.recipient ?? '', outcomeOfReply(entry.response ?? '')]));
    connection.send(envelope, body, (error, info) => {
      if (error) {
        // A refused DATA error does not carry the RCPT refusals that came before it; nodemailer
        // keeps them on the envelope of the session, so read them there.
        const failure = error as Error & { rejectedErrors?: RejectedRecipient[]; code?: string };
        const kept = (connection as unknown as { _envelope?: { rejectedErrors?: RejectedRecipient[] } })._envelope;
        const refused = refusedByRcpt(failure.rejectedErrors ?? kept?.rejectedErrors);
        const common = outcomeOfClientError(error);
        const results = attempt.recipients.map((recipient) => attemptOf(recipient, refused.get(recipient) ?? common, remoteHost));
        const lostBeforeBody = !bodyStarted && BROKEN_CONNECTION.has(failure.code ?? '');
        return resolve({ results, reusable: !connection.destroyed && !lostBeforeBody, needsReset: true, lostBeforeBody });
      }
      const refused = refusedByRcpt(info.rejectedErrors as RejectedRecipient[] | undefined);
      const dataOutcome = outcomeOfReply(info.response);
      const results = attempt.recipients.map((recipient) => attemptOf(recipient, refused.get(recipient) ?? dataOutcome, remoteHost));
      resolve({ results, reusable: true, needsReset: false, lostBeforeBody: false });
    });
  });
}
