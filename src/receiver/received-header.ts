import net from 'node:net';

/** What a Received header says about one message. */
export interface ReceivedHeaderFields {
  /** The HELO/EHLO name the client gave ('' when none). */
  heloName: string;
  /** The client's IP address. */
  remoteAddress: string;
  /** This server's name. */
  hostname: string;
  /** SMTP, ESMTP, ESMTPS, ESMTPA or ESMTPSA (RFC 3848). */
  protocol: string;
  /** The transaction id, the same as in `250 2.0.0 Ok: queued as <id>`. */
  id: string;
  /** Accepted recipients; named in a `for` clause only when there is exactly one. */
  recipients: readonly string[];
  date: Date;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const twoDigits = (value: number): string => String(value).padStart(2, '0');

/** A date-time as RFC 5322 §3.3 writes it, in UTC: `Tue, 21 Jan 2025 10:00:00 +0000`. */
export function formatRfc5322Date(date: Date): string {
  const time = `${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())}:${twoDigits(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${time} +0000`;
}

/** An IP address as an SMTP address literal (RFC 5321 §4.1.3): `[192.0.2.1]`, `[IPv6:2001:db8::1]`. */
export function addressLiteral(ip: string): string {
  return net.isIPv6(ip) ? `[IPv6:${ip}]` : `[${ip}]`;
}

/**
 * The client's own name is untrusted; characters that would end a comment or the clause
 * (parentheses, backslash, semicolon, white space) are replaced so the header stays parseable.
 */
function safeHeloName(heloName: string): string {
  return heloName.replace(/[()\\;\s]/g, '?');
}

/**
 * The trace header prepended to every accepted message (RFC 5321 §4.4, RFC 5322 §3.6.7),
 * folded the way Postfix folds it, ending in CRLF:
 *
 * ```
 * Received: from client.example ([192.0.2.1])
 * 	by mx.example.com with ESMTPS id 4F2A9C01B3D7E6F8
 * 	for <alice@example.com>; Tue, 21 Jan 2025 10:00:00 +0000
 * ```
 * No reverse DNS is looked up, so the comment holds the address literal alone.
 */
export function buildReceivedHeader(fields: ReceivedHeaderFields): string {
  const literal = addressLiteral(fields.remoteAddress);
  const from = fields.heloName ? safeHeloName(fields.heloName) : literal;
  const date = formatRfc5322Date(fields.date);
  const only = fields.recipients.length === 1 ? fields.recipients[0] : undefined;
  const by = `\tby ${fields.hostname} with ${fields.protocol} id ${fields.id}`;
  const tail = only === undefined ? `${by}; ${date}` : `${by}\r\n\tfor <${only}>; ${date}`;
  return `Received: from ${from} (${literal})\r\n${tail}\r\n`;
}
