import type { HeaderAddress, MessageSource } from '../interfaces/message.js';
import { toHeaderAddresses } from './addresses.js';
import { mailparser } from './mailparser.js';
import { decodeEncodedWords } from './encoded-words.js';
import { headerOnlySummary, normaliseMessageId, parseDateValue } from './header-summary.js';
import { readHeaderSection } from './header-section.js';
import { parserOptions } from './parser-options.js';

/** One attachment of a {@link ParsedMessage}, content decoded. */
export interface ParsedAttachment {
  filename: string | null;
  contentType: string;
  /** Decoded size in octets. */
  size: number;
  content: Buffer;
}

/** A whole message taken apart, for the test kit and tools that need the content. */
export interface ParsedMessage {
  from: HeaderAddress[];
  to: HeaderAddress[];
  cc: HeaderAddress[];
  subject: string;
  date: Date | null;
  messageId: string | null;
  /** The plain text body (for an HTML-only message, mailparser's conversion of the HTML), or null. */
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  /** Header fields by lower-case name, unfolded, encoded words decoded; repeated fields give an array. */
  headers: Record<string, string | string[]>;
}

function headersOf(raw: Buffer): Record<string, string | string[]> {
  // A null prototype so a field called `__proto__` or `constructor` is just a field.
  const headers: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const { name, value } of readHeaderSection(raw).fields) {
    const decoded = decodeEncodedWords(value);
    const existing = headers[name];
    headers[name] = existing === undefined ? decoded : Array.isArray(existing) ? [...existing, decoded] : [existing, decoded];
  }
  return headers;
}

async function parseWhole(raw: Buffer): Promise<ParsedMessage> {
  const parsed = await mailparser().simpleParser(raw, { ...parserOptions });
  const headers = headersOf(raw);
  const dateHeader = headers.date;
  return {
    from: toHeaderAddresses(parsed.from),
    to: toHeaderAddresses(parsed.to),
    cc: toHeaderAddresses(parsed.cc),
    subject: parsed.subject ?? '',
    // mailparser puts "now" in place of a Date it cannot read; the contract wants null there.
    date: parseDateValue(Array.isArray(dateHeader) ? dateHeader[0] : dateHeader),
    messageId: normaliseMessageId(parsed.messageId),
    text: parsed.text ?? null,
    html: typeof parsed.html === 'string' ? parsed.html : null,
    attachments: parsed.attachments.map((attachment) => ({
      filename: attachment.filename ?? null,
      contentType: attachment.contentType,
      size: attachment.content.length,
      content: attachment.content,
    })),
    headers,
  };
}

/**
 * Parses a whole message: addresses, subject, date, text and HTML bodies (charsets decoded),
 * attachments with their content, and every header field.
 *
 * Never throws. A message the MIME parser refuses (see {@link summarize}) is read from its header
 * section alone, with no body and no attachments.
 *
 * @example
 * const message = await parseMessage(bufferSource(raw));
 * message.headers['x-mailer']; // 'posthouse'
 */
export async function parseMessage(source: MessageSource): Promise<ParsedMessage> {
  let raw: Buffer;
  try {
    raw = await source.buffer();
  } catch {
    raw = Buffer.alloc(0);
  }
  try {
    return await parseWhole(raw);
  } catch {
    const { subject, from, to, cc, date, messageId } = headerOnlySummary(raw);
    return { from, to, cc, subject, date, messageId, text: null, html: null, attachments: [], headers: headersOf(raw) };
  }
}
