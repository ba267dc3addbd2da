import type { ParsedAttachment, ParsedMessage } from '../mime/parse.js';

/** One attachment of a {@link TestMessage}: file name, content type, decoded size and content. */
export type TestAttachment = ParsedAttachment;

/**
 * A message as a test sees it: the parsed content (from, to, cc, subject, date, messageId, text,
 * html, attachments, headers), plus the envelope, the raw bytes and where it was filed.
 */
export interface TestMessage extends ParsedMessage {
  envelope: { from: string; to: string[] };
  /** The bytes as stored, trace headers included. */
  raw: Buffer;
  account: string;
  mailbox: string;
  uid: number;
}
