import type { OutboundReason } from '../../interfaces/queue.js';

/** Where one recipient of a queued message stands (RFC 3464 §2.3.3 actions, plus `queued`: not tried yet). */
export type RecipientStatus = 'queued' | 'deferred' | 'delivered' | 'failed';

/** What a remote (or our own diagnosis) last said about a recipient. */
export interface RecipientReply {
  responseCode: number | null;
  enhancedCode: string | null;
  reply: string;
  remoteHost: string | null;
}

/** The state of one recipient of a queued message. */
export interface RecipientState {
  address: string;
  status: RecipientStatus;
  /** Attempts made so far (each transaction that reached a verdict for this recipient). */
  attempts: number;
  /** When to try again (ISO 8601); null once delivered or failed. */
  nextAttemptAt: string | null;
  lastReply: RecipientReply | null;
  /** A failure whose bounce went out (or needed none): the sender has been told. */
  notified: boolean;
}

/** One recipient's outcome in one attempt, as kept in the history. */
export interface AttemptRecord extends RecipientReply {
  /** When the attempt ended (ISO 8601). */
  at: string;
  recipient: string;
  status: 'delivered' | 'deferred' | 'failed';
}

/** DSN parameters of the original submission, passed on and used for our own DSNs (RFC 3461 §4.3, §4.4). */
export interface DsnParameters {
  ret?: 'FULL' | 'HDRS';
  envid?: string;
}

/**
 * A message in the outbound queue, as stored in the records (the body is kept apart, written
 * once). Dates are ISO 8601 strings so the record is plain JSON.
 */
export interface QueueEntry {
  id: string;
  mailFrom: string;
  reason: OutboundReason;
  account: string | null;
  size: number;
  createdAt: string;
  /** After this, a temporary failure is final: the recipient fails and the sender gets a bounce. */
  expiresAt: string;
  dsn: DsnParameters | null;
  /** Held messages stay queued and are not tried until released. */
  held: boolean;
  /** When the "delayed" warning DSN went out (or was found unneeded); null until then. */
  warnedAt: string | null;
  recipients: RecipientState[];
  /** The most recent attempts, oldest first (at most {@link MAX_ATTEMPT_HISTORY}). */
  attempts: AttemptRecord[];
}

/** Attempt records kept per message: enough to see what went wrong, bounded so the record stays small. */
export const MAX_ATTEMPT_HISTORY = 100;

/** Whether a recipient still waits for delivery. */
export function isPending(recipient: RecipientState): boolean {
  return recipient.status === 'queued' || recipient.status === 'deferred';
}

/** Whether nothing more is to be done for the message: every recipient final and every failure told. */
export function isFinished(entry: QueueEntry): boolean {
  return entry.recipients.every((recipient) => recipient.status === 'delivered' || (recipient.status === 'failed' && recipient.notified));
}

/** The domain part of an address, lower-cased (the unit of grouping and of per-domain limits). */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}
