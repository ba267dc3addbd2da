import type { RecipientAttempt } from '../../interfaces/sender.js';
import { retryDelay, type RetrySchedule } from '../scheduler/retry-schedule.js';
import { domainOf, isPending, MAX_ATTEMPT_HISTORY, type AttemptRecord, type QueueEntry, type RecipientReply, type RecipientState } from './queue-entry.js';

/** What one attempt changed for one recipient, for the sender's events. */
export interface RecipientChange {
  recipient: string;
  status: 'delivered' | 'deferred' | 'failed';
  reply: RecipientReply;
  /** For `deferred`: when the next attempt is due. */
  nextAttemptAt: Date | null;
  /** For `failed`: the failure was temporary but the message is past its lifetime. */
  expired: boolean;
}

/**
 * Applies a transport's verdicts to a queue entry (the state machine of a recipient):
 * `queued|deferred` → `delivered` on 250; → `failed` on a permanent failure, or on a temporary one
 * once the message is past `expiresAt` (RFC 3463 `4.4.7` in the reply then); → `deferred` otherwise,
 * with the next attempt from the schedule but never later than `expiresAt` (one last try at expiry).
 * Verdicts for recipients that are not pending (already final, or unknown) are ignored.
 */
export function applyAttempt(entry: QueueEntry, results: readonly RecipientAttempt[], now: Date, schedule: RetrySchedule): { entry: QueueEntry; changes: RecipientChange[] } {
  const byRecipient = new Map(results.map((result) => [result.recipient, result]));
  const expiresAt = Date.parse(entry.expiresAt);
  const changes: RecipientChange[] = [];
  const attempts: AttemptRecord[] = [];
  const recipients = entry.recipients.map((state): RecipientState => {
    const result = byRecipient.get(state.address);
    if (result === undefined || !isPending(state)) return state;
    const reply: RecipientReply = { responseCode: result.responseCode, enhancedCode: result.enhancedCode, reply: result.reply, remoteHost: result.remoteHost };
    attempts.push({ at: now.toISOString(), recipient: state.address, status: result.status, ...reply });
    const attemptCount = state.attempts + 1;
    if (result.status === 'delivered' || result.status === 'failed') {
      changes.push({ recipient: state.address, status: result.status, reply, nextAttemptAt: null, expired: false });
      return { ...state, status: result.status, attempts: attemptCount, nextAttemptAt: null, lastReply: reply };
    }
    if (now.getTime() >= expiresAt) {
      const expiredReply = { ...reply, enhancedCode: '4.4.7', reply: `delivery time expired; last reply: ${reply.reply}` };
      changes.push({ recipient: state.address, status: 'failed', reply: expiredReply, nextAttemptAt: null, expired: true });
      return { ...state, status: 'failed', attempts: attemptCount, nextAttemptAt: null, lastReply: expiredReply };
    }
    const failedAttempts = state.status === 'deferred' ? attemptCount : 1;
    const next = new Date(Math.min(expiresAt, now.getTime() + retryDelay(schedule, failedAttempts)));
    changes.push({ recipient: state.address, status: 'deferred', reply, nextAttemptAt: next, expired: false });
    return { ...state, status: 'deferred', attempts: attemptCount, nextAttemptAt: next.toISOString(), lastReply: reply };
  });
  const history = [...entry.attempts, ...attempts].slice(-MAX_ATTEMPT_HISTORY);
  return { entry: { ...entry, recipients, attempts: history }, changes };
}

/** The pending recipients due at `now`, grouped by destination domain (one transaction each). */
export function dueByDomain(entry: QueueEntry, now: Date): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  if (entry.held) return groups;
  for (const recipient of entry.recipients) {
    if (!isPending(recipient) || recipient.nextAttemptAt === null || Date.parse(recipient.nextAttemptAt) > now.getTime()) continue;
    const domain = domainOf(recipient.address);
    groups.set(domain, [...(groups.get(domain) ?? []), recipient.address]);
  }
  return groups;
}

/** The earliest time a pending recipient of the entry is due; null when none (or held). */
export function nextDueAt(entry: QueueEntry): number | null {
  if (entry.held) return null;
  let earliest: number | null = null;
  for (const recipient of entry.recipients) {
    if (!isPending(recipient) || recipient.nextAttemptAt === null) continue;
    const at = Date.parse(recipient.nextAttemptAt);
    if (earliest === null || at < earliest) earliest = at;
  }
  return earliest;
}

/** Makes every pending recipient due now (`posthouse queue retry`). */
export function dueNow(entry: QueueEntry, now: Date): QueueEntry {
  return { ...entry, recipients: entry.recipients.map((recipient) => (isPending(recipient) ? { ...recipient, nextAttemptAt: now.toISOString() } : recipient)) };
}

/** Marks the given failed recipients as told (their bounce is out, or none was due). */
export function markNotified(entry: QueueEntry, addresses: ReadonlySet<string>): QueueEntry {
  return { ...entry, recipients: entry.recipients.map((recipient) => (addresses.has(recipient.address) ? { ...recipient, notified: true } : recipient)) };
}
