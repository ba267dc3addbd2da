import { randomUUID } from 'node:crypto';
import type { MessageSource } from '../../interfaces/message.js';
import { deliveryStatusBody, isInternational, oneLine, rfc5322Date, type DsnRecipient } from './delivery-status.js';

/** Originals larger than this come back as headers only, whatever RET asked (RFC 3461 §4.3 allows it). */
export const MAX_RETURNED_ORIGINAL = 1024 * 1024;

/** What {@link buildDsn} needs. */
export interface DsnInput {
  /** Our host name, in Reporting-MTA and the From address. */
  reportingMta: string;
  original: MessageSource | Buffer;
  originalEnvelope: { mailFrom: string; envid?: string };
  recipients: DsnRecipient[];
  /** RET of RFC 3461 §4.3: the whole original, or its headers. */
  ret: 'FULL' | 'HDRS';
  arrivalDate: Date;
  now: Date;
}

/** The header block of a message, up to and without the blank line. */
function headerBlock(raw: Buffer): Buffer {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const end = crlf >= 0 && (lf < 0 || crlf < lf) ? crlf + 2 : lf >= 0 ? lf + 1 : raw.length;
  return raw.subarray(0, end);
}

function subjectFor(recipients: DsnRecipient[]): string {
  if (recipients.some((recipient) => recipient.action === 'failed')) return 'Undelivered Mail Returned to Sender';
  if (recipients.some((recipient) => recipient.action === 'delayed')) return 'Delayed Mail (still being retried)';
  return 'Successful Mail Delivery Report';
}

/** The human-readable first part (RFC 3464 §2, RFC 6522 §3). */
function humanText(input: DsnInput): string {
  const lines = [`This is the mail system at ${oneLine(input.reportingMta, 255)}.`, ''];
  const byAction = (action: DsnRecipient['action']): DsnRecipient[] => input.recipients.filter((recipient) => recipient.action === action);
  const section = (heading: string, recipients: DsnRecipient[]): void => {
    if (recipients.length === 0) return;
    lines.push(heading, '');
    for (const recipient of recipients) lines.push(`<${oneLine(recipient.recipient, 500)}>: ${oneLine(recipient.diagnostic) || recipient.status}`);
    lines.push('');
  };
  section('Your message could not be delivered to these recipients, and will not be retried:', byAction('failed'));
  const delayed = byAction('delayed');
  const until = delayed.find((recipient) => recipient.willRetryUntil !== undefined)?.willRetryUntil;
  section(`Your message has not been delivered yet to these recipients; delivery will be retried${until ? ` until ${rfc5322Date(until)}` : ''}:`, delayed);
  section('Your message was delivered to these recipients:', byAction('delivered'));
  return lines.join('\r\n');
}

/**
 * A delivery status notification (RFC 3464) as a whole message: multipart/report with
 * report-type=delivery-status (RFC 6522), a human-readable part, the machine-readable
 * message/delivery-status (message/global-delivery-status when an address is UTF-8, RFC 6533),
 * and the original as message/rfc822 (RET=FULL) or text/rfc822-headers (RET=HDRS, and always for
 * originals over {@link MAX_RETURNED_ORIGINAL}). From `MAILER-DAEMON@<reportingMta>`, to the
 * original sender, `Auto-Submitted: auto-replied` (RFC 3834 §5). It is sent with a null
 * reverse-path (RFC 5321 §4.5.5); that is the queue's part.
 *
 * @example
 * const raw = await buildDsn({ reportingMta: 'mx.example.com', original, originalEnvelope: { mailFrom: 'a@example.com' },
 *   recipients: [{ recipient: 'b@example.org', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 no such user',
 *   remoteHost: 'mx.example.org', lastAttempt: now }], ret: 'HDRS', arrivalDate, now });
 */
export async function buildDsn(input: DsnInput): Promise<Buffer> {
  const original = Buffer.isBuffer(input.original) ? input.original : await input.original.buffer();
  const full = input.ret === 'FULL' && original.length <= MAX_RETURNED_ORIGINAL;
  const returned = full ? original : headerBlock(original);
  const international = input.recipients.some((recipient) => isInternational(recipient.recipient)) || isInternational(input.originalEnvelope.mailFrom);
  const boundary = `=_report_${randomUUID()}`;
  const reportingMta = oneLine(input.reportingMta, 255);
  const head = [
    `From: Mail Delivery System <MAILER-DAEMON@${reportingMta}>`,
    `To: <${oneLine(input.originalEnvelope.mailFrom, 500)}>`,
    `Subject: ${subjectFor(input.recipients)}`,
    `Date: ${rfc5322Date(input.now)}`,
    `Message-ID: <${randomUUID()}@${reportingMta}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    humanText(input),
    `--${boundary}`,
    `Content-Type: message/${international ? 'global-delivery-status' : 'delivery-status'}`,
    '',
    deliveryStatusBody({ reportingMta: input.reportingMta, arrivalDate: input.arrivalDate, recipients: input.recipients, ...(input.originalEnvelope.envid !== undefined ? { envid: input.originalEnvelope.envid } : {}) }),
    `--${boundary}`,
    `Content-Type: ${full ? 'message/rfc822' : 'text/rfc822-headers'}`,
    ...(returned.some((byte) => byte > 127) ? ['Content-Transfer-Encoding: 8bit'] : []),
    '',
    '',
  ].join('\r\n');
  const tail = `${returned.length > 0 && returned[returned.length - 1] !== 0x0a ? '\r\n' : ''}\r\n--${boundary}--\r\n`;
  return Buffer.concat([Buffer.from(head, 'utf8'), returned, Buffer.from(tail, 'utf8')]);
}
