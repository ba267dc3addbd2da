import type { HeaderAddress, MessageSummary } from '../../interfaces/message.js';
import type { MailboxStatus, Quota, StoredMessage } from '../../interfaces/store.js';
import type { JsonSummary } from '../summary-json.js';

/**
 * What the index keeps of one mailbox. Its UIDVALIDITY is also its identity: unique in the whole
 * store for every mailbox incarnation, it never changes on rename, so messages are keyed by it.
 */
export type MailboxRecord = Pick<MailboxStatus, 'account' | 'name' | 'specialUse' | 'subscribed' | 'uidValidity' | 'uidNext' | 'highestModseq'>;

/** What the index keeps of one message; the bytes live in the blob named by `blobId`. */
export interface MessageRecord {
  uid: number;
  modseq: number;
  flags: string[];
  /** Milliseconds since the epoch. */
  internalDate: number;
  size: number;
  blobId: string;
  /** As the index keeps it (see `storedSummary`). */
  summary: JsonSummary | null;
}

/**
 * One durable change an indexed store hands to its adapter, in the order they must be applied.
 * The records are the index's live objects: an adapter must take what it needs before it returns
 * from `persist`, not later.
 */
export type Mutation =
  | { kind: 'mailbox-put'; mailbox: MailboxRecord }
  | { kind: 'mailbox-delete'; uidValidity: number }
  | { kind: 'message-put'; uidValidity: number; message: MessageRecord }
  | { kind: 'message-delete'; uidValidity: number; uid: number }
  | { kind: 'blob-put'; blobId: string; bytes: Buffer }
  | { kind: 'blob-delete'; blobId: string }
  | { kind: 'quota-put'; account: string; quota: Quota }
  | { kind: 'quota-delete'; account: string }
  /** The highest UIDVALIDITY handed out so far, so a recreated mailbox never gets an old one. */
  | { kind: 'uid-validity'; last: number };

const copyAddresses = (addresses: readonly HeaderAddress[]): HeaderAddress[] => addresses.map(({ name, address }) => ({ name, address }));

/**
 * A summary's declared fields, field by field (fields it does not declare are not kept), what a
 * write stores of a summary it is given. structuredClone did the same job at ~15 times the cost.
 */
export function copySummary(summary: MessageSummary): MessageSummary {
  const copy: MessageSummary = {
    subject: summary.subject,
    from: copyAddresses(summary.from),
    to: copyAddresses(summary.to),
    cc: copyAddresses(summary.cc),
    date: summary.date === null ? null : new Date(summary.date),
    messageId: summary.messageId,
    snippet: summary.snippet,
    hasAttachments: summary.hasAttachments,
  };
  const imap = summary.imap;
  if (imap !== undefined) {
    copy.imap = { envelope: imap.envelope, bodyStructure: imap.bodyStructure, body: imap.body, references: [...imap.references], inReplyTo: imap.inReplyTo };
  }
  return copy;
}

/** A message record as the Store API returns it: a copy the caller may change freely. */
export function toStoredMessage(mailbox: MailboxRecord, message: MessageRecord): StoredMessage {
  return {
    account: mailbox.account,
    mailbox: mailbox.name,
    uid: message.uid,
    modseq: message.modseq,
    flags: [...message.flags],
    internalDate: new Date(message.internalDate),
    size: message.size,
    blobId: message.blobId,
    summary: message.summary === null ? null : message.summary.parsed,
  };
}

/** The status fields a mailbox record holds, completed with the counts the index keeps. */
export function toMailboxStatus(mailbox: MailboxRecord, counts: { messages: number; unseen: number; size: number }): MailboxStatus {
  return {
    account: mailbox.account,
    name: mailbox.name,
    specialUse: mailbox.specialUse,
    subscribed: mailbox.subscribed,
    uidValidity: mailbox.uidValidity,
    uidNext: mailbox.uidNext,
    highestModseq: mailbox.highestModseq,
    ...counts,
  };
}
