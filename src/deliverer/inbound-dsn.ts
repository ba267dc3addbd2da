import type { BounceEvent } from '../interfaces/events.js';
import { headerValue, type HeaderField } from '../mime/header-section.js';
import { parameterValue, parseParameterised } from '../mime/imap-content-fields.js';
import { parseDsn } from '../sender/dsn/index.js';

/**
 * False when the header section of `raw` (up to its first empty line) holds no "report" in any
 * case, so its Content-Type cannot announce a report: the test that spares reading the header
 * fields of most mail. True is only a maybe; {@link announcesDeliveryReport} decides.
 */
export function mayAnnounceDeliveryReport(raw: Buffer): boolean {
  const crlf = raw.indexOf('\r\n\r\n');
  // a bare-LF empty line can only end the header sooner; a missed end only makes the text searched longer
  const lf = (crlf === -1 ? raw : raw.subarray(0, crlf)).indexOf('\n\n');
  const end = lf !== -1 ? lf : crlf !== -1 ? crlf : raw.length;
  return /report/i.test(raw.toString('latin1', 0, end));
}

/**
 * Whether a message's own header section says it is a delivery status notification:
 * multipart/report with report-type=delivery-status (RFC 6522 §3, RFC 3464 §2). Only these are
 * parsed further, so ordinary mail costs one header lookup.
 */
export function announcesDeliveryReport(fields: readonly HeaderField[]): boolean {
  const contentType = headerValue(fields, 'content-type');
  // most mail is not a report: skip parsing its Content-Type parameters
  if (contentType === undefined || !/report/i.test(contentType)) return false;
  const { value, parameters } = parseParameterised(contentType);
  return value.toLowerCase() === 'multipart/report' && parameterValue(parameters, 'report-type')?.toLowerCase() === 'delivery-status';
}

/**
 * The `bounce` events of an inbound DSN: one per recipient it reports as failed (RFC 3464 §2.3.3
 * `Action: failed`) for each local address it reached, that address being the sender of the
 * message that bounced. Delayed and delivered notices are not bounces; a report that does not
 * follow RFC 3464 yields none.
 *
 * @example
 * if (announcesDeliveryReport(fields)) for (const event of remoteBounces(raw, ['alice@example.com'])) emit('bounce', event);
 */
export function remoteBounces(raw: Buffer, reachedAddresses: readonly string[]): BounceEvent[] {
  const failed = parseDsn(raw)?.recipients.filter((recipient) => recipient.action === 'failed') ?? [];
  return reachedAddresses.flatMap((mailFrom) =>
    failed.map(({ recipient, status, diagnostic }) => ({ queueId: null, mailFrom, recipient, status, diagnostic, remoteHost: null, origin: 'remote' as const })),
  );
}
