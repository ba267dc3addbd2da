import type { MessageSource, MessageSummary } from './message.js';

/** RFC 6154 special-use attributes, plus `\Inbox` for the one mailbox every account has. */
export type SpecialUse = '\\Inbox' | '\\Sent' | '\\Drafts' | '\\Junk' | '\\Trash' | '\\Archive';

/** System flags of RFC 9051 §2.3.2. Any other flag string is a keyword. */
export type SystemFlag = '\\Seen' | '\\Answered' | '\\Flagged' | '\\Deleted' | '\\Draft';

/** Byte and message limits for one account; a missing field means unlimited. */
export interface Quota {
  maxBytes?: number;
  maxMessages?: number;
}

/** What an account uses against its quota. */
export interface QuotaUsage {
  bytes: number;
  messages: number;
  limits: Quota;
}

/** The state of one mailbox, as IMAP SELECT and STATUS report it (RFC 9051 §6.3.1, §6.3.11). */
export interface MailboxStatus {
  account: string;
  /** Full name with `/` as the hierarchy separator, e.g. `Archive/2026`. INBOX is always `INBOX`. */
  name: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  uidValidity: number;
  uidNext: number;
  highestModseq: number;
  messages: number;
  unseen: number;
  /** Total octets of the messages in the mailbox. */
  size: number;
}

/** One message in one mailbox. The same blob may back many of them. */
export interface StoredMessage {
  account: string;
  mailbox: string;
  uid: number;
  modseq: number;
  /** System flags and keywords, in the order they were set, without duplicates. */
  flags: string[];
  internalDate: Date;
  size: number;
  /** Content address of the raw bytes (hex SHA-256). */
  blobId: string;
  /**
   * Recorded at delivery; null when the message arrived without one (e.g. a raw append). May be
   * shared between calls and frozen (listing a large mailbox must not copy every summary): treat
   * it as read-only.
   */
  summary: Readonly<MessageSummary> | null;
}

/** Where a delivery or append puts one copy of a message. */
export interface AppendTarget {
  account: string;
  mailbox: string;
  flags?: string[];
  /** Create the mailbox when it does not exist (Sieve `fileinto :create`). Default false. */
  create?: boolean;
}

/**
 * One message to file, atomically, into any number of mailboxes.
 * The raw bytes are written once (content-addressed) whatever the number of targets.
 */
export interface DeliveryInput {
  source: MessageSource | Buffer;
  targets: AppendTarget[];
  internalDate?: Date;
  summary?: MessageSummary | null;
}

/** Where one target of a delivery landed. */
export interface AppendResult {
  account: string;
  mailbox: string;
  uid: number;
  uidValidity: number;
  modseq: number;
  blobId: string;
}

/** A UID range, inclusive on both ends; `end` may be `Infinity` (IMAP's `*`). */
export interface UidRange {
  start: number;
  end: number;
}

/** Which messages of a mailbox a call addresses. */
export interface MessageQuery {
  /** UID ranges; absent means all. */
  uids?: UidRange[];
  /** Only messages whose MODSEQ is greater than this (CONDSTORE CHANGEDSINCE). */
  changedSince?: number;
  /** At most this many, counted from the end `order` starts at. */
  limit?: number;
  /**
   * Which end `limit` counts from, and the order `listMessages` returns: `asc` (default) lowest
   * UID first, `desc` highest UID first, so the newest page of a large mailbox costs only the
   * page. Other calls work on the selected messages in ascending UID order either way.
   */
  order?: 'asc' | 'desc';
}

/** How a flag update combines with the flags already set (IMAP STORE FLAGS / +FLAGS / -FLAGS). */
export type FlagOperation = 'set' | 'add' | 'remove';

/** A flag update on a set of messages. */
export interface FlagUpdate {
  operation: FlagOperation;
  flags: string[];
  /** Skip messages modified after this MODSEQ (CONDSTORE UNCHANGEDSINCE, RFC 7162 §3.1.3). */
  unchangedSince?: number;
}

/** The outcome of a flag update. */
export interface FlagUpdateResult {
  updated: Array<{ uid: number; flags: string[]; modseq: number }>;
  /** UIDs skipped because of `unchangedSince`. */
  modified: number[];
}

/** The outcome of copy or move: source UID to destination UID, for UIDPLUS COPYUID. */
export interface CopyResult {
  uidValidity: number;
  mapping: Array<{ sourceUid: number; destinationUid: number }>;
}

/** One entry of the change feed. Every entry carries the account and mailbox it concerns. */
export type StoreChange =
  | { type: 'appended'; account: string; mailbox: string; uid: number; modseq: number }
  | { type: 'flags'; account: string; mailbox: string; uid: number; modseq: number; flags: string[] }
  | { type: 'expunged'; account: string; mailbox: string; uid: number; modseq: number }
  | { type: 'mailbox-created'; account: string; mailbox: string }
  | { type: 'mailbox-deleted'; account: string; mailbox: string }
  | { type: 'mailbox-renamed'; account: string; mailbox: string; newName: string };

/** Listener for the change feed; called after the change is durable. */
export type StoreChangeListener = (change: StoreChange) => void;

/** Optional features an adapter declares (Level's `supports` manifest, in spirit). */
export interface StoreCapabilities {
  /** Data survives close() and reopen. */
  persistent: boolean;
  /** Several processes may share the store (change feed crosses processes). */
  shared: boolean;
}

/**
 * A small durable key-value area for roles that need records of their own (directory, queue,
 * vacation tracking). Values are JSON-serialisable.
 */
export interface RecordStore {
  get<T>(namespace: string, key: string): Promise<T | undefined>;
  /** Durable when the promise resolves. */
  put<T>(namespace: string, key: string, value: T): Promise<void>;
  delete(namespace: string, key: string): Promise<void>;
  /** Every record of a namespace, ordered by key. */
  list<T>(namespace: string): Promise<Array<{ key: string; value: T }>>;
}

/**
 * The store contract: IMAP's data model (RFC 9051 §2.3), content-addressed blobs and a change feed.
 * Every method that changes data resolves only once the change is durable (synced), and rejects
 * with a {@link StoreError} carrying a stable code.
 *
 * Accounts are plain strings (normalised addresses); the store does not validate them against the
 * directory. Mailbox names are case-sensitive except `INBOX`, which is matched case-insensitively.
 */
export interface Store {
  readonly capabilities: StoreCapabilities;

  /** Opens the underlying storage; idempotent. */
  open(): Promise<void>;
  /** Flushes and closes; idempotent. Further calls reject with `STORE_CLOSED`. */
  close(): Promise<void>;

  // --- mailboxes ---
  /** Creates INBOX and the given special-use mailboxes for a new account; idempotent. */
  ensureAccount(account: string, mailboxes?: Array<{ name: string; specialUse: SpecialUse }>): Promise<void>;
  /** Removes an account with every mailbox and message. */
  deleteAccount(account: string): Promise<void>;
  createMailbox(account: string, name: string, options?: { specialUse?: SpecialUse }): Promise<MailboxStatus>;
  deleteMailbox(account: string, name: string): Promise<void>;
  renameMailbox(account: string, from: string, to: string): Promise<void>;
  setSubscribed(account: string, name: string, subscribed: boolean): Promise<void>;
  listMailboxes(account: string): Promise<MailboxStatus[]>;
  /** Resolves null when the mailbox does not exist. */
  mailboxStatus(account: string, name: string): Promise<MailboxStatus | null>;

  // --- messages ---
  /** Files one message into every target in one atomic, durable write. */
  deliver(input: DeliveryInput): Promise<AppendResult[]>;
  /** Appends one message to one mailbox (IMAP APPEND). */
  append(target: AppendTarget, source: MessageSource | Buffer, options?: { internalDate?: Date; summary?: MessageSummary | null }): Promise<AppendResult>;
  /** Messages of a mailbox in ascending UID order. */
  listMessages(account: string, mailbox: string, query?: MessageQuery): Promise<StoredMessage[]>;
  getMessage(account: string, mailbox: string, uid: number): Promise<StoredMessage | null>;
  /** The raw bytes of a stored message. */
  readMessage(account: string, mailbox: string, uid: number): Promise<MessageSource>;
  /**
   * Records or replaces the parsed summary of a message (no MODSEQ change). The one write that
   * need not be durable on its own: a summary is derived from the message, so an adapter may defer
   * its sync to the next durable write; after a crash a summary may be missing (null) again.
   */
  setSummary(account: string, mailbox: string, uid: number, summary: MessageSummary): Promise<void>;
  updateFlags(account: string, mailbox: string, query: MessageQuery, update: FlagUpdate): Promise<FlagUpdateResult>;
  copyMessages(account: string, from: string, query: MessageQuery, to: string): Promise<CopyResult>;
  moveMessages(account: string, from: string, query: MessageQuery, to: string): Promise<CopyResult>;
  /** Removes messages flagged `\Deleted` (restricted to `query` when given: UID EXPUNGE). Resolves the expunged UIDs. */
  expunge(account: string, mailbox: string, query?: MessageQuery): Promise<number[]>;

  // --- quotas ---
  setQuota(account: string, quota: Quota): Promise<void>;
  quotaUsage(account: string): Promise<QuotaUsage>;

  // --- records and changes ---
  readonly records: RecordStore;
  /** Subscribes to the change feed; returns the unsubscribe function. */
  watch(listener: StoreChangeListener): () => void;
}
