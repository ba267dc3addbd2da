import type { RecipientAttempt } from '../../interfaces/sender.js';

/** What one failure means for every recipient it touches, before the host is known. */
export interface Outcome {
  status: RecipientAttempt['status'];
  responseCode: number | null;
  enhancedCode: string | null;
  reply: string;
}

/** The three-digit code a reply starts with, or null. */
export function replyCodeOf(reply: string): number | null {
  const match = /^([2-5]\d\d)/.exec(reply.trim());
  return match ? Number(match[1]) : null;
}

/** The enhanced status code (RFC 3463 §2) after the reply code, or null when the server sent none. */
export function enhancedCodeOf(reply: string): string | null {
  const match = /^[2-5]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply.trim());
  return match?.[1] ?? null;
}

/**
 * What a server's reply means (RFC 5321 §4.2.1): 2yz delivered, 4yz deferred, 5yz failed.
 * A reply without an enhanced code gets the generic `X.0.0` of its class (RFC 3463 §3.1).
 * `reply` keeps the text (with the enhanced code) but not the reply code, which is `responseCode`.
 */
export function outcomeOfReply(reply: string): Outcome {
  const text = reply.trim();
  const responseCode = replyCodeOf(text);
  if (responseCode === null) return { status: 'deferred', responseCode: null, enhancedCode: '4.5.0', reply: `unexpected reply: ${text.slice(0, 200)}` };
  const klass = Math.floor(responseCode / 100);
  const status = klass === 2 ? 'delivered' : klass === 4 ? 'deferred' : 'failed';
  return { status, responseCode, enhancedCode: enhancedCodeOf(text) ?? `${klass}.0.0`, reply: replyText(text) };
}

/** The text of a reply without its code on each line (`5.1.1 no such user`), lines joined by a space. */
function replyText(reply: string): string {
  return reply
    .split(/\r?\n/)
    .map((line) => line.replace(/^[2-5]\d\d[ -]?/, '').trim())
    .filter((line) => line !== '')
    .join(' ');
}

/** Our own deferral, for failures where no reply came (RFC 3463 §3.5 network, §3.8 security). */
export function deferral(enhancedCode: string, reply: string): Outcome {
  return { status: 'deferred', responseCode: null, enhancedCode, reply };
}

/** The fields nodemailer puts on the errors of its SMTP connection. */
interface SmtpClientError {
  code?: string;
  response?: string;
  message?: string;
}

/**
 * What an error of nodemailer's SMTP connection means. A server reply, when there is one, decides;
 * otherwise: a TLS failure defers with `4.7.5` (cryptographic failure), a refused STARTTLS that we
 * required with `4.7.10` (encryption needed), a timeout or dropped connection with `4.4.2` (bad
 * connection), and a connection never made with `4.4.1` (no answer from host).
 */
export function outcomeOfClientError(error: unknown): Outcome {
  const clientError = (typeof error === 'object' && error !== null ? error : {}) as SmtpClientError;
  const code = clientError.code ?? '';
  const reply = typeof clientError.response === 'string' ? clientError.response : '';
  const message = clientError.message ?? String(error);
  if (code === 'ETLS') {
    return reply !== '' ? deferral('4.7.10', `STARTTLS refused: ${reply}`) : deferral('4.7.5', `TLS handshake failed: ${message}`);
  }
  // A refused login is our configuration's fault, not the message's: defer it, never bounce it.
  if (code === 'EAUTH') return { status: 'deferred', responseCode: replyCodeOf(reply), enhancedCode: '4.7.8', reply: `authentication failed: ${reply || message}` };
  if (reply !== '' && replyCodeOf(reply) !== null) return outcomeOfReply(reply);
  if (code === 'EDNS' || /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/.test(`${code} ${message}`)) return deferral('4.4.1', `no answer from host: ${message}`);
  return deferral('4.4.2', `bad connection: ${message}`);
}
