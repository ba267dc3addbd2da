/** One recipient of a delivery status notification (RFC 3464 §2.3). */
export interface DsnRecipient {
  recipient: string;
  /** RFC 3464 §2.3.3; `delivered` for success notices (NOTIFY=SUCCESS). */
  action: 'failed' | 'delayed' | 'delivered';
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`. */
  status: string;
  /** The remote's reply, or our own diagnostic when no remote answered. */
  diagnostic: string;
  /** The host whose reply `diagnostic` is, or null when none answered (DNS, connection). */
  remoteHost: string | null;
  lastAttempt: Date;
  /** For `delayed`: when the queue gives up. */
  willRetryUntil?: Date;
}

/** A date as RFC 5322 §3.3 writes it, in UTC: `Tue, 01 Jul 2025 10:00:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** A value safe on one header line: no CR/LF (header injection), bounded in length. */
export function oneLine(value: string, maxLength = 900): string {
  const flat = value.replace(/[\r\n]+/g, ' ').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '').trim();
  return flat.length > maxLength ? `${flat.slice(0, maxLength)}...` : flat;
}

/** Whether an address needs the `utf-8` address type and message/global-delivery-status (RFC 6533). */
export function isInternational(address: string): boolean {
  return /[^\x00-\x7f]/.test(address);
}

/** The address type and value for Final-Recipient (RFC 3464 §2.3.2, RFC 6533 §3). */
function typedAddress(address: string): string {
  return `${isInternational(address) ? 'utf-8' : 'rfc822'}; ${oneLine(address, 500)}`;
}

/**
 * The message/delivery-status body (RFC 3464 §2.1): the per-message fields, then one block of
 * per-recipient fields for each recipient, blank lines between. Diagnostic-Code is typed `smtp`
 * when a remote host replied, `X-Posthouse` when the diagnostic is ours (§2.3.6).
 */
export function deliveryStatusBody(input: { reportingMta: string; envid?: string; arrivalDate: Date; recipients: DsnRecipient[] }): string {
  const perMessage = [`Reporting-MTA: dns; ${oneLine(input.reportingMta, 255)}`];
  if (input.envid !== undefined) perMessage.push(`Original-Envelope-Id: ${oneLine(input.envid, 100)}`);
  perMessage.push(`Arrival-Date: ${rfc5322Date(input.arrivalDate)}`);
  const blocks = input.recipients.map((recipient) => {
    const fields = [`Final-Recipient: ${typedAddress(recipient.recipient)}`, `Action: ${recipient.action}`, `Status: ${recipient.status}`];
    if (recipient.remoteHost !== null) fields.push(`Remote-MTA: dns; ${oneLine(recipient.remoteHost, 255)}`);
    if (recipient.diagnostic !== '') fields.push(`Diagnostic-Code: ${recipient.remoteHost !== null ? 'smtp' : 'X-Posthouse'}; ${oneLine(recipient.diagnostic)}`);
    fields.push(`Last-Attempt-Date: ${rfc5322Date(recipient.lastAttempt)}`);
    if (recipient.action === 'delayed' && recipient.willRetryUntil !== undefined) fields.push(`Will-Retry-Until: ${rfc5322Date(recipient.willRetryUntil)}`);
    return fields.join('\r\n');
  });
  return [perMessage.join('\r\n'), ...blocks].join('\r\n\r\n') + '\r\n';
}
