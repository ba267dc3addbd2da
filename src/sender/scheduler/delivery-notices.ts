import type { MessageSource } from '../../interfaces/message.js';
import type { OutboundMessage } from '../../interfaces/queue.js';
import { buildDsn } from '../dsn/index.js';
import type { QueueEntry, RecipientState } from '../queue/queue-entry.js';

/** Where a notice to the envelope sender goes: into a local mailbox, or out through the queue. */
export interface NoticeRoute {
  /** Whether the address is ours (its domain is local). */
  isLocal(address: string): Promise<boolean> | boolean;
  /** Files a message for local recipients (the deliverer). */
  deliverLocal(mailFrom: string, rcptTo: string[], raw: Buffer): Promise<void>;
  /** Queues a message for a remote recipient. */
  enqueue(message: OutboundMessage): Promise<unknown>;
}

/** Where a notice went: a local mailbox, the queue, or nowhere (the null sender gets none). */
export type NoticeDestination = 'local' | 'queued' | 'none';

/**
 * Sends the envelope sender of `entry` a DSN (RFC 3464) about `recipients`: `failed` (a bounce)
 * or `delayed` (a warning; will retry until the message expires). Never to the null sender:
 * a bounce is itself sent from `<>`, so a bounce that fails is not bounced again (RFC 3461 §6.2,
 * RFC 5321 §4.5.5). The notice is sent from `<>` with the original per RET (default FULL).
 */
export async function sendNotice(input: {
  action: 'failed' | 'delayed';
  entry: QueueEntry;
  recipients: readonly RecipientState[];
  original: MessageSource;
  reportingMta: string;
  now: Date;
  route: NoticeRoute;
}): Promise<NoticeDestination> {
  const { entry } = input;
  if (entry.mailFrom === '' || input.recipients.length === 0) return 'none';
  const raw = await buildDsn({
    reportingMta: input.reportingMta,
    original: input.original,
    originalEnvelope: { mailFrom: entry.mailFrom, ...(entry.dsn?.envid === undefined ? {} : { envid: entry.dsn.envid }) },
    recipients: input.recipients.map((recipient) => ({
      recipient: recipient.address,
      action: input.action,
      status: noticeStatus(recipient, input.action),
      diagnostic: diagnosticOf(recipient),
      remoteHost: recipient.lastReply?.remoteHost ?? null,
      lastAttempt: input.now,
      ...(input.action === 'delayed' ? { willRetryUntil: new Date(entry.expiresAt) } : {}),
    })),
    ret: entry.dsn?.ret ?? 'FULL',
    arrivalDate: new Date(entry.createdAt),
    now: input.now,
  });
  if (await input.route.isLocal(entry.mailFrom)) {
    await input.route.deliverLocal('', [entry.mailFrom], raw);
    return 'local';
  }
  await input.route.enqueue({ mailFrom: '', rcptTo: [entry.mailFrom], source: raw, reason: 'bounce', ...(entry.account === null ? {} : { account: entry.account }) });
  return 'queued';
}

/** The enhanced status of a recipient for a DSN: the last one heard, else a generic one of the right class. */
export function noticeStatus(recipient: RecipientState, action: 'failed' | 'delayed'): string {
  return recipient.lastReply?.enhancedCode ?? (action === 'failed' ? '5.0.0' : '4.0.0');
}

/** The last reply as a diagnostic line: `550 5.1.1 no such user`, or our own text when no reply came. */
export function diagnosticOf(recipient: RecipientState): string {
  const last = recipient.lastReply;
  if (last === null) return 'no attempt made';
  return last.responseCode === null ? last.reply : `${last.responseCode} ${last.reply}`;
}
