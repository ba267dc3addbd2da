import type { HeaderAddress } from '../interfaces/message.js';

/** One attachment of a {@link TestMessage}. */
export interface TestAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
}

/** A message as a test sees it: envelope, parsed content, raw bytes, and where it was filed. */
export interface TestMessage {
  envelope: { from: string; to: string[] };
  from: HeaderAddress[];
  to: HeaderAddress[];
  cc: HeaderAddress[];
  subject: string;
  date: Date | null;
  messageId: string | null;
  text: string | null;
  html: string | null;
  attachments: TestAttachment[];
  /** Header fields by lower-case name; repeated fields give an array. */
  headers: Record<string, string | string[]>;
  /** The bytes as stored, trace headers included. */
  raw: Buffer;
  account: string;
  mailbox: string;
  uid: number;
}
