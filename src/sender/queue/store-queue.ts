import { randomBytes } from 'node:crypto';
import { bufferSource, toMessageSource } from '../../core/message-source.js';
import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { OutboundMessage, OutboundQueue, QueuedMessage } from '../../interfaces/queue.js';
import type { RecordStore } from '../../interfaces/store.js';

/** Options of {@link StoreQueue}. */
export interface StoreQueueOptions {
  records: RecordStore;
  /** Largest message taken, in octets (default 25 MiB). */
  maxMessageBytes?: number;
  now?: () => Date;
}

const ENTRIES = 'sender.queue';
const BODIES = 'sender.queue.body';

/**
 * The durable holding queue of the sender: what rules redirect and vacation replies hand over,
 * kept in the store's records so neither a crash nor a restart loses it (the queue lives in
 * the same store as the mailboxes, see DESIGN.md). **Nothing leaves the server yet**: the
 * outbound role (MX lookup, SMTP delivery, retries) will drain this queue.
 *
 * The body is written before the entry, so `list` never shows a message whose bytes are missing.
 *
 * @example
 * const queue = new StoreQueue({ records: store.records });
 * const queued = await queue.enqueue({ mailFrom: '', rcptTo: ['bob@example.org'], source, reason: 'vacation' });
 */
export class StoreQueue implements OutboundQueue {
  readonly #records: RecordStore;
  readonly #maxMessageBytes: number;
  readonly #now: () => Date;
  #sequence = 0;

  constructor(options: StoreQueueOptions) {
    this.#records = options.records;
    this.#maxMessageBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
    this.#now = options.now ?? (() => new Date());
  }

  /** Resolves once the message and its entry are durable. */
  async enqueue(message: OutboundMessage): Promise<QueuedMessage> {
    const source = toMessageSource(message.source);
    if (source.size > this.#maxMessageBytes) {
      throw new PosthouseError(ErrorCodes.QUEUE_MESSAGE_TOO_LARGE, `A message of ${source.size} octets is larger than the queue takes (${this.#maxMessageBytes})`);
    }
    const queuedAt = this.#now();
    const entry: QueuedMessage = {
      id: this.#nextId(queuedAt),
      mailFrom: message.mailFrom,
      rcptTo: [...message.rcptTo],
      reason: message.reason,
      account: message.account ?? null,
      size: source.size,
      queuedAt: queuedAt.toISOString(),
    };
    await this.#records.put(BODIES, entry.id, (await source.buffer()).toString('base64'));
    await this.#records.put(ENTRIES, entry.id, entry);
    return entry;
  }

  /** Every queued message, oldest first. */
  async list(): Promise<QueuedMessage[]> {
    return (await this.#records.list<QueuedMessage>(ENTRIES)).map((entry) => entry.value);
  }

  async read(id: string): Promise<MessageSource> {
    const entry = await this.#records.get<QueuedMessage>(ENTRIES, id);
    const body = entry === undefined ? undefined : await this.#records.get<string>(BODIES, id);
    if (body === undefined) throw new PosthouseError(ErrorCodes.QUEUE_MESSAGE_NOT_FOUND, `No queued message ${JSON.stringify(id)}`);
    return bufferSource(Buffer.from(body, 'base64'));
  }

  /** Ids sort by time of enqueue (fixed-width hex milliseconds), then by order within this process. */
  #nextId(at: Date): string {
    const sequence = (this.#sequence = (this.#sequence + 1) % 0x10000);
    return `${at.getTime().toString(16).padStart(12, '0')}-${sequence.toString(16).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
  }
}
