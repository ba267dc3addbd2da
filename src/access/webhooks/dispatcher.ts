import type { Logger } from '../../interfaces/logger.js';
import type { WebhookDelivery, WebhookQueue } from './delivery-queue.js';
import { buildBody, type AttachmentSettings } from './payload.js';
import { postDelivery } from './post-delivery.js';
import { retryDelay, type RetryPolicy } from './retry-policy.js';
import type { WebhookRoutes } from './route-registry.js';
import type { WebhookEvents } from './types.js';

/** What a {@link WebhookDispatcher} works with. */
export interface DispatcherOptions {
  queue: WebhookQueue;
  routes: WebhookRoutes;
  retry: RetryPolicy;
  /** POSTs at once (default 8). */
  concurrency: number;
  /** Read at each POST: the API's address is known only once it listens. */
  attachments: () => AttachmentSettings;
  emit: <Name extends keyof WebhookEvents>(name: Name, payload: WebhookEvents[Name]) => void;
  now: () => number;
  fetch: typeof fetch;
  logger: Logger;
}

// Messages younger than this are never swept: their deliveries may still be on their way to the store.
const SWEEP_GRACE_MS = 3_600_000;

/**
 * Drains the webhook queue in the background, apart from SMTP: the 250 was sent when the
 * delivery became durable, so a slow or failing receiver costs the SMTP side nothing. Pending
 * deliveries are mirrored in memory (this process is the queue's one writer) and a single timer
 * wakes the dispatcher at the next due attempt. Failed attempts are written back with their next
 * time before anything else happens, so a crash at any point retries rather than forgets.
 */
export class WebhookDispatcher {
  readonly #options: DispatcherOptions;
  readonly #pending = new Map<string, WebhookDelivery>();
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #closing = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #sweeper: NodeJS.Timeout | null = null;
  #started = false;

  constructor(options: DispatcherOptions) {
    this.#options = options;
  }

  /** Loads the deliveries a previous run left (a crash, a restart), sweeps old messages, starts. */
  async start(): Promise<void> {
    for (const delivery of await this.#options.queue.deliveries()) this.#pending.set(delivery.id, delivery);
    this.#started = true;
    await this.#sweep();
    this.#sweeper = setInterval(() => void this.#sweep().catch((error: unknown) => this.#options.logger.warn({ err: error }, 'webhook sweep failed')), SWEEP_GRACE_MS);
    this.#sweeper.unref();
    this.#schedule();
  }

  /** Takes newly queued (already durable) deliveries. */
  add(deliveries: readonly WebhookDelivery[]): void {
    for (const delivery of deliveries) this.#pending.set(delivery.id, delivery);
    if (this.#started) this.#schedule();
  }

  /** Deliveries not yet answered 2xx nor given up. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Stops: aborts POSTs in flight (they stay queued, retried at the next start) and waits for them. */
  async stop(): Promise<void> {
    this.#started = false;
    this.#closing.abort();
    if (this.#timer !== null) clearTimeout(this.#timer);
    if (this.#sweeper !== null) clearInterval(this.#sweeper);
    this.#timer = null;
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  #schedule(): void {
    if (!this.#started) return;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const now = this.#options.now();
    let next = Infinity;
    for (const delivery of this.#pending.values()) {
      if (this.#inFlight.has(delivery.id)) continue;
      if (delivery.nextAttemptAt > now) {
        next = Math.min(next, delivery.nextAttemptAt);
        continue;
      }
      if (this.#inFlight.size >= this.#options.concurrency) return;
      const attempt = this.#attempt(delivery).catch((error: unknown) => this.#options.logger.error({ err: error, delivery: delivery.id }, 'webhook attempt failed to record'));
      this.#inFlight.set(delivery.id, attempt);
      void attempt.finally(() => {
        this.#inFlight.delete(delivery.id);
        this.#schedule();
      });
    }
    if (next !== Infinity) {
      this.#timer = setTimeout(() => this.#schedule(), Math.min(next - now, 2_147_483_647));
      this.#timer.unref();
    }
  }

  async #attempt(delivery: WebhookDelivery): Promise<void> {
    const { queue, routes, retry } = this.#options;
    const route = routes.get(delivery.routeId);
    const message = await queue.message(delivery.messageId);
    const source = await queue.body(delivery.messageId);
    if (route === undefined || route.url === null) return this.#giveUp(delivery, route?.url ?? null, 'the route was removed or no longer posts');
    if (message === undefined || source === undefined) return this.#giveUp(delivery, route.url, 'the message is missing from the queue');
    const now = this.#options.now();
    const built = await buildBody(route, delivery, message.envelope, source, this.#options.attachments(), now);
    if (built.keepUntil !== null) await queue.keepUntil(message.id, built.keepUntil);
    const outcome = await postDelivery(
      { route, deliveryId: delivery.id, envelope: message.envelope, recipients: delivery.recipients, built, timestamp: Math.floor(now / 1000), timeoutMs: retry.timeoutMs, signal: this.#closing.signal },
      this.#options.fetch,
    );
    // Closing cut this POST short: it stays queued as it was, for the next start.
    if (this.#closing.signal.aborted) return;
    const attempts = delivery.attempts + 1;
    if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
      await this.#finish(delivery);
      this.#options.emit('webhook-delivered', { deliveryId: delivery.id, routeId: route.id, url: route.url, attempts, status: outcome.status });
      return;
    }
    const failedAt = this.#options.now();
    const updated: WebhookDelivery = { ...delivery, attempts, lastStatus: outcome.status, nextAttemptAt: failedAt + retryDelay(retry, attempts) };
    if (failedAt - delivery.createdAt >= retry.giveUpAfterMs) {
      return this.#giveUp(updated, route.url, outcome.status === null ? (outcome.error ?? 'no answer') : `HTTP ${outcome.status}`);
    }
    await queue.saveDelivery(updated);
    this.#pending.set(delivery.id, updated);
  }

  async #giveUp(delivery: WebhookDelivery, url: string | null, reason: string): Promise<void> {
    await this.#finish(delivery);
    this.#options.emit('webhook-failed', { deliveryId: delivery.id, routeId: delivery.routeId, url, attempts: delivery.attempts, lastStatus: delivery.lastStatus, reason });
  }

  async #finish(delivery: WebhookDelivery): Promise<void> {
    await this.#options.queue.removeDelivery(delivery.id);
    this.#pending.delete(delivery.id);
    await this.#options.queue.release(delivery.messageId, this.#referenced(), this.#options.now());
  }

  #referenced(): Set<string> {
    return new Set([...this.#pending.values()].map((delivery) => delivery.messageId));
  }

  /** Removes messages whose deliveries are done and whose download URLs expired. */
  async #sweep(): Promise<void> {
    const now = this.#options.now();
    const referenced = this.#referenced();
    for (const message of await this.#options.queue.messages()) {
      const queuedAt = Number.parseInt(message.id.slice(0, 12), 16);
      if (now - queuedAt < SWEEP_GRACE_MS) continue;
      await this.#options.queue.release(message.id, referenced, now);
    }
  }
}
