import { randomBytes } from 'node:crypto';
import { bufferSource } from '../../core/message-source.js';
import type { Envelope } from '../../interfaces/envelope.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { RecordStore } from '../../interfaces/store.js';

const MESSAGES = 'webhooks.message';
const BODIES = 'webhooks.body';
const DELIVERIES = 'webhooks.delivery';

/** The envelope of a webhook message, as kept and as sent in the JSON payload. */
export interface WebhookEnvelope {
  id: string;
  from: string;
  to: string[];
  receivedAt: string;
  remoteAddress: string;
  heloName: string;
}

/** A message held for webhooks (its bytes are apart, in their own namespace). */
export interface WebhookMessage {
  id: string;
  envelope: WebhookEnvelope;
  size: number;
  /** Set once a download URL was signed: the bytes stay until then (Unix ms). */
  keepUntil: number | null;
}

/** One POST owed to one route for one message; its id is the `Posthouse-Delivery-Id`. */
export interface WebhookDelivery {
  id: string;
  messageId: string;
  routeId: string;
  /** The message's recipients this route took. */
  recipients: string[];
  /** Unix ms. */
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  lastStatus: number | null;
}

function newId(now: number): string {
  return `${now.toString(16).padStart(12, '0')}-${randomBytes(8).toString('hex')}`;
}

/**
 * The durable webhook queue in `store.records`: the message bytes, then the message, then one
 * delivery per route, each write durable before the next, so a delivery never points at
 * missing bytes. `enqueue` resolves only once all of it is durable: the 250 comes after.
 */
export class WebhookQueue {
  readonly #records: RecordStore;

  constructor(records: RecordStore) {
    this.#records = records;
  }

  async enqueue(envelope: Envelope, source: MessageSource, routes: ReadonlyMap<string, string[]>, now: number): Promise<WebhookDelivery[]> {
    const messageId = newId(now);
    const message: WebhookMessage = {
      id: messageId,
      envelope: {
        id: envelope.id,
        from: envelope.mailFrom,
        to: [...routes.values()].flat(),
        receivedAt: envelope.receivedAt.toISOString(),
        remoteAddress: envelope.session.remoteAddress,
        heloName: envelope.session.heloName,
      },
      size: source.size,
      keepUntil: null,
    };
    await this.#records.put(BODIES, messageId, (await source.buffer()).toString('base64'));
    await this.#records.put(MESSAGES, messageId, message);
    const deliveries: WebhookDelivery[] = [];
    for (const [routeId, recipients] of routes) {
      const delivery: WebhookDelivery = { id: newId(now), messageId, routeId, recipients, createdAt: now, attempts: 0, nextAttemptAt: now, lastStatus: null };
      await this.#records.put(DELIVERIES, delivery.id, delivery);
      deliveries.push(delivery);
    }
    return deliveries;
  }

  /** Every pending delivery, oldest first. */
  async deliveries(): Promise<WebhookDelivery[]> {
    return (await this.#records.list<WebhookDelivery>(DELIVERIES)).map((entry) => entry.value);
  }

  async saveDelivery(delivery: WebhookDelivery): Promise<void> {
    await this.#records.put(DELIVERIES, delivery.id, delivery);
  }

  async removeDelivery(id: string): Promise<void> {
    await this.#records.delete(DELIVERIES, id);
  }

  async message(id: string): Promise<WebhookMessage | undefined> {
    return this.#records.get<WebhookMessage>(MESSAGES, id);
  }

  async body(id: string): Promise<MessageSource | undefined> {
    const body = await this.#records.get<string>(BODIES, id);
    return body === undefined ? undefined : bufferSource(Buffer.from(body, 'base64'));
  }

  /** Keeps a message's bytes at least until `until` (Unix ms), for the download URLs signed for it. */
  async keepUntil(id: string, until: number): Promise<void> {
    const message = await this.message(id);
    if (message === undefined || (message.keepUntil ?? 0) >= until) return;
    await this.#records.put(MESSAGES, id, { ...message, keepUntil: until });
  }

  /** Removes a message no delivery needs any more, unless download URLs still point at it. */
  async release(id: string, pending: ReadonlySet<string>, now: number): Promise<void> {
    if (pending.has(id)) return;
    const message = await this.message(id);
    if (message !== undefined && message.keepUntil !== null && message.keepUntil > now) return;
    await this.#records.delete(MESSAGES, id);
    await this.#records.delete(BODIES, id);
  }

  /** Every held message (without bytes), for the sweep of expired downloads. */
  async messages(): Promise<WebhookMessage[]> {
    return (await this.#records.list<WebhookMessage>(MESSAGES)).map((entry) => entry.value);
  }
}
