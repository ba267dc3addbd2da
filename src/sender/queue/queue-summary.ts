import type { QueuedMessage } from '../../interfaces/queue.js';
import { nextDueAt } from './transitions.js';
import type { QueueEntry, RecipientStatus } from './queue-entry.js';

/** One line of `posthouse queue list`: the envelope, and where its recipients stand. */
export interface QueueSummary extends QueuedMessage {
  held: boolean;
  expiresAt: string;
  /** How many recipients are in each state. */
  recipientStates: Record<RecipientStatus, number>;
  /** When the next attempt is due (ISO 8601); null when none is (held, or nothing pending). */
  nextAttemptAt: string | null;
  /** The last reply heard for a recipient still waiting, if any. */
  lastReply: string | null;
}

/** The summary of an entry, for `list` and the management calls. */
export function summarize(entry: QueueEntry): QueueSummary {
  const recipientStates: Record<RecipientStatus, number> = { queued: 0, deferred: 0, delivered: 0, failed: 0 };
  for (const recipient of entry.recipients) recipientStates[recipient.status] += 1;
  const due = nextDueAt(entry);
  const waiting = entry.recipients.find((recipient) => recipient.status === 'deferred' && recipient.lastReply !== null);
  return {
    id: entry.id,
    mailFrom: entry.mailFrom,
    rcptTo: entry.recipients.map((recipient) => recipient.address),
    reason: entry.reason,
    account: entry.account,
    size: entry.size,
    queuedAt: entry.createdAt,
    held: entry.held,
    expiresAt: entry.expiresAt,
    recipientStates,
    nextAttemptAt: due === null ? null : new Date(due).toISOString(),
    lastReply: waiting?.lastReply === null || waiting === undefined ? null : `${waiting.lastReply.responseCode ?? ''} ${waiting.lastReply.reply}`.trim(),
  };
}
