import { contentTypeOf, decodedBody, multipartParts, parseEntity, parseFields } from './mime-walk.js';

/** One recipient of an inbound DSN. */
export interface ParsedDsnRecipient {
  /** The address of Final-Recipient (or Original-Recipient when that is missing), without its type. */
  recipient: string;
  action: string;
  /** Enhanced status code, e.g. `5.1.1`. */
  status: string;
  /** The Diagnostic-Code text without its type, or '' when absent. */
  diagnostic: string;
}

/** What {@link parseDsn} found in a DSN. */
export interface ParsedDsn {
  recipients: ParsedDsnRecipient[];
  /** Message-ID of the returned original (or its headers), angle brackets kept; null when not returned. */
  originalMessageId: string | null;
}

/** DSNs larger than this are read only this far: the report parts come first. */
const MAX_SCANNED_BYTES = 4 * 1024 * 1024;

/** `rfc822; user@example.com` → `user@example.com` (RFC 3464 §2.3.1 address types). */
function withoutType(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim().replace(/^<(.*)>$/, '$1');
}

/**
 * Recognises an inbound delivery status notification (RFC 3464: multipart/report with
 * report-type=delivery-status, RFC 6522; or its UTF-8 form of RFC 6533) and reads its recipients
 * and the Message-ID of the original it returns. Anything else, a plain "your mail bounced" text
 * included, is null: only the standard format is trusted for automatic handling.
 *
 * @example
 * const dsn = parseDsn(raw);
 * if (dsn) for (const { recipient, status } of dsn.recipients) markBounced(recipient, status);
 */
export function parseDsn(raw: Buffer): ParsedDsn | null {
  const message = parseEntity(raw.subarray(0, MAX_SCANNED_BYTES).toString('latin1'));
  const { type, params } = contentTypeOf(message);
  const boundary = params.get('boundary');
  if (type !== 'multipart/report' || params.get('report-type')?.toLowerCase() !== 'delivery-status' || !boundary) return null;
  const parts = multipartParts(message.body, boundary);
  const statusPart = parts.find((part) => /^message\/(global-)?delivery-status$/.test(contentTypeOf(part).type));
  if (statusPart === undefined) return null;
  const statusText = Buffer.from(decodedBody(statusPart), 'latin1').toString('utf8');
  const blocks = statusText.split(/\r?\n(?:[ \t]*\r?\n)+/).filter((block) => block.trim() !== '');
  const recipients: ParsedDsnRecipient[] = [];
  for (const block of blocks.slice(1)) {
    const fields = parseFields(block);
    const address = fields.get('final-recipient')?.[0] ?? fields.get('original-recipient')?.[0];
    const action = fields.get('action')?.[0];
    const status = fields.get('status')?.[0];
    if (address === undefined || action === undefined || status === undefined) continue;
    const diagnostic = fields.get('diagnostic-code')?.[0];
    recipients.push({ recipient: withoutType(address), action: action.toLowerCase(), status: status.split(/\s/)[0] ?? status, diagnostic: diagnostic === undefined ? '' : withoutType(diagnostic) });
  }
  const returned = parts.find((part) => /^(message\/(global|rfc822)|text\/rfc822-headers|message\/global-headers)$/.test(contentTypeOf(part).type));
  const originalMessageId = returned === undefined ? null : (parseEntity(decodedBody(returned)).headers.get('message-id')?.[0] ?? null);
  return { recipients, originalMessageId };
}
