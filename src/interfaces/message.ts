import type { Readable } from 'node:stream';

/**
 * The bytes of one message, however large, without forcing them into one string.
 * `read()` returns a fresh stream every call; `buffer()` is for callers that truly need
 * everything at once (blob writes, tests).
 */
export interface MessageSource {
  /** Size in octets. */
  readonly size: number;
  /** A new stream over the whole message, from its first byte. */
  read(): Readable;
  /** The whole message as one Buffer. */
  buffer(): Promise<Buffer>;
}

/** A parsed mailbox address as it appears in a header (`"Name" <user@host>`). */
export interface HeaderAddress {
  name: string;
  address: string;
}

/**
 * What the deliverer records about a message at delivery, so lists and searches never re-parse
 * the raw bytes.
 */
export interface MessageSummary {
  subject: string;
  from: HeaderAddress[];
  to: HeaderAddress[];
  cc: HeaderAddress[];
  /** The Date header, or null when absent or unparseable. */
  date: Date | null;
  messageId: string | null;
  /** Up to ~200 characters of the text body, whitespace folded. */
  snippet: string;
  hasAttachments: boolean;
  /**
   * What IMAP serves without re-parsing the message. The deliverer leaves it out unless asked
   * (`summaries: { imap: true }`); the IMAP server renders it at APPEND, or at the first FETCH,
   * SORT or THREAD that needs it, and records it.
   */
  imap?: ImapMessageSummary;
}

/**
 * The IMAP view of a message, rendered once and stored with its summary (RFC 9051 §7.5.2): FETCH
 * ENVELOPE, BODY and BODYSTRUCTURE are sent as stored; THREAD (RFC 5256) reads the reference fields.
 */
export interface ImapMessageSummary {
  /** The ENVELOPE parenthesised list, on the wire form. */
  envelope: string;
  /** BODYSTRUCTURE with extension data, on the wire form. */
  bodyStructure: string;
  /** BODY (no extension data), on the wire form. */
  body: string;
  /** Message-IDs of the References field, in order, angle brackets kept. */
  references: string[];
  /** The first Message-ID of In-Reply-To, or null. */
  inReplyTo: string | null;
}
