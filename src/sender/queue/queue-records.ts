import { randomBytes } from 'node:crypto';
import { bufferSource } from '../../core/message-source.js';
import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { OutboundReason, QueuedMessage } from '../../interfaces/queue.js';
import type { RecordStore } from '../../interfaces/store.js';
import type { QueueEntry } from './queue-entry.js';

/** Queue entries (small, rewritten at each attempt). */
const ENTRIES = 'sender.queue';
/** Bodies, base64, written once; over 16 KiB they stay out of the level store's record cache. */
const BODIES = 'sender.queue.body';

/**
 * The queue's durable layout in the store's records: one entry per message (envelope and
 * per-recipient state) and its body apart, written once. Every write resolves once durable.
 * The body is written before its entry and deleted after it, so an entry never lacks its bytes.
 */
export class QueueRecords {
  readonly #records: RecordStore;
  #sequence = 0;

  constructor(records: RecordStore) {
    this.#records = records;
  }

  /** Ids sort by creation time (fixed-width hex milliseconds), then by order within this process. */
  newId(at: Date): string {
    const sequence = (this.#sequence = (this.#sequence + 1) % 0x10000);
    return `${at.getTime().toString(16).padStart(12, '0')}-${sequence.toString(16).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
  }

  /** Writes the body, then the entry. */
  async create(entry: QueueEntry, body: Buffer): Promise<void> {
    await this.#records.put(BODIES, entry.id, body.toString('base64'));
    await this.#records.put(ENTRIES, entry.id, entry);
  }

  /** Replaces an entry (a state change); durable when resolved. */
  save(entry: QueueEntry): Promise<void> {
    return this.#records.put(ENTRIES, entry.id, entry);
  }

  /** Deletes the entry, then its body. */
  async remove(id: string): Promise<void> {
    await this.#records.delete(ENTRIES, id);
    await this.#records.delete(BODIES, id);
  }

  /** Every entry, oldest first; entries of the earlier holding queue are read as queued messages. */
  async loadAll(now: Date, maxAgeMs: number): Promise<QueueEntry[]> {
    const stored = await this.#records.list<QueueEntry | QueuedMessage>(ENTRIES);
    return stored.map(({ value }) => ('recipients' in value && typeof value.recipients[0] === 'object' ? value : fromHoldingQueue(value as QueuedMessage, now, maxAgeMs)));
  }

  async body(id: string): Promise<MessageSource> {
    const body = await this.#records.get<string>(BODIES, id);
    if (body === undefined) throw new PosthouseError(ErrorCodes.QUEUE_MESSAGE_NOT_FOUND, `No queued message ${JSON.stringify(id)}`);
    return bufferSource(Buffer.from(body, 'base64'));
  }
}

/** A new entry: every recipient queued and due now. */
export function newEntry(fields: {
  id: string;
  mailFrom: string;
  rcptTo: readonly string[];
  reason: OutboundReason;
  account: string | null;
  size: number;
  dsn: QueueEntry['dsn'];
  now: Date;
  maxAgeMs: number;
}): QueueEntry {
  const created = fields.now.toISOString();
  return {
    id: fields.id,
    mailFrom: fields.mailFrom,
    reason: fields.reason,
    account: fields.account,
    size: fields.size,
    createdAt: created,
    expiresAt: new Date(fields.now.getTime() + fields.maxAgeMs).toISOString(),
    dsn: fields.dsn,
    held: false,
    warnedAt: null,
    recipients: [...new Set(fields.rcptTo)].map((address) => ({ address, status: 'queued', attempts: 0, nextAttemptAt: created, lastReply: null, notified: false })),
    attempts: [],
  };
}

/** An entry written by the holding queue of earlier versions (envelope only), taken over as queued. */
function fromHoldingQueue(held: QueuedMessage, now: Date, maxAgeMs: number): QueueEntry {
  const created = new Date(Date.parse(held.queuedAt) || now.getTime());
  return newEntry({ id: held.id, mailFrom: held.mailFrom, rcptTo: held.rcptTo, reason: held.reason, account: held.account, size: held.size, dsn: null, now: created, maxAgeMs });
}
