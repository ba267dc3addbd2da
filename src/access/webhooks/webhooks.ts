import { createHash, randomBytes } from 'node:crypto';
import { TypedEmitter } from '../../core/typed-emitter.js';
import type { DeliveryAgent } from '../../interfaces/delivery.js';
import type { Logger } from '../../interfaces/logger.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { RecordStore } from '../../interfaces/store.js';
import { parseMessage } from '../../mime/parse.js';
import { WebhookQueue } from './delivery-queue.js';
import { WebhookDispatcher } from './dispatcher.js';
import { verifyDownloadToken } from './download-token.js';
import type { AttachmentSettings } from './payload.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry-policy.js';
import { WebhookRoutes } from './route-registry.js';
import type { WebhookEvents, WebhookRouteInput } from './types.js';
import { WebhookAgent } from './webhook-agent.js';

/** Options of the webhook role (`createMailServer({ webhooks })`). */
export interface WebhookOptions {
  /** Routes set in code, written to the store at start (an absent id is derived from the match, so restarts replace rather than add). */
  routes?: WebhookRouteInput[];
  retry?: Partial<RetryPolicy>;
  /** POSTs at once (default 8). */
  concurrency?: number;
  /** Largest attachment sent inline as base64 in the JSON payload (default 256 KiB); larger ones get a signed download URL. */
  inlineAttachmentLimit?: number;
  /** Base of download URLs as receivers reach the HTTP API, e.g. `https://mx.example.com` (default: its own listener's address). */
  publicUrl?: string;
  /** Lifetime of download URLs (default 7 days). */
  downloadUrlTtlMs?: number;
  /** The HMAC key of download URLs (default: a random key kept in the store, so URLs survive restarts). */
  downloadKey?: string;
  /** Clock in Unix ms (tests). */
  now?: () => number;
  /** The fetch used for POSTs (tests, proxies). */
  fetch?: typeof fetch;
}

/** What the server gives the webhook role besides its options. */
export interface WebhookRoleDependencies {
  records: RecordStore;
  logger: Logger;
  /** The HTTP API's own address once listening, for download URLs; null without a listener. */
  apiUrl: () => string | null;
}

/** An attachment served by a signed download URL. */
export interface DownloadedAttachment {
  filename: string | null;
  contentType: string;
  content: Buffer;
}

const KEYS = 'webhooks.keys';

/**
 * The webhook role: routes, the durable queue, the background dispatcher and the signed
 * attachment downloads. Emits `webhook-delivered` and `webhook-failed`.
 *
 * @example
 * const server = createMailServer({ webhooks: { routes: [{ match: { domain: 'in.example.com' }, action: 'post', url, secret }] } });
 * server.webhooks.on('webhook-failed', (event) => console.error(event.reason));
 */
export class Webhooks extends TypedEmitter<WebhookEvents> {
  readonly routes: WebhookRoutes;
  readonly queue: WebhookQueue;
  readonly #dispatcher: WebhookDispatcher;
  readonly #options: WebhookOptions;
  readonly #dependencies: WebhookRoleDependencies;
  readonly #now: () => number;
  #downloadKey: Buffer = Buffer.alloc(0);

  constructor(options: WebhookOptions, dependencies: WebhookRoleDependencies) {
    super();
    this.#options = options;
    this.#dependencies = dependencies;
    this.#now = options.now ?? Date.now;
    this.routes = new WebhookRoutes(dependencies.records, () => new Date(this.#now()));
    this.queue = new WebhookQueue(dependencies.records);
    this.#dispatcher = new WebhookDispatcher({
      queue: this.queue,
      routes: this.routes,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      concurrency: options.concurrency ?? 8,
      attachments: () => this.#attachmentSettings(),
      emit: (name, payload) => this.emit(name, payload),
      now: this.#now,
      fetch: options.fetch ?? fetch,
      logger: dependencies.logger,
    });
  }

  /** Wraps the deliverer so route addresses are accepted and their mail queued (see {@link WebhookAgent}). */
  agent(inner: DeliveryAgent): WebhookAgent {
    return new WebhookAgent(inner, this.routes, (envelope, source, routes) => this.#intake(envelope, source, routes));
  }

  /** Loads routes and the download key, writes the routes set in code, starts dispatching what is queued. */
  async start(): Promise<void> {
    await this.routes.load();
    for (const route of this.#options.routes ?? []) {
      await this.routes.put({ ...route, id: route.id ?? `code-${createHash('sha256').update(JSON.stringify(route.match)).digest('hex').slice(0, 12)}` });
    }
    this.#downloadKey = await this.#loadDownloadKey();
    await this.#dispatcher.start();
  }

  /** Stops the dispatcher; POSTs in flight are cut and stay queued. */
  async stop(): Promise<void> {
    await this.#dispatcher.stop();
  }

  /** Deliveries still owed (tests, metrics). */
  get pendingCount(): number {
    return this.#dispatcher.pendingCount;
  }

  /** The attachment a signed download URL names, or null when the token is wrong, expired or the message gone. */
  async download(messageId: string, index: number, expires: number, token: string): Promise<DownloadedAttachment | null> {
    if (!verifyDownloadToken(this.#downloadKey, messageId, index, expires, token, Math.floor(this.#now() / 1000))) return null;
    const source = await this.queue.body(messageId);
    if (source === undefined) return null;
    const attachment = (await parseMessage(source)).attachments[index];
    return attachment === undefined ? null : { filename: attachment.filename, contentType: attachment.contentType, content: attachment.content };
  }

  async #intake(envelope: Parameters<WebhookQueue['enqueue']>[0], source: MessageSource, routes: ReadonlyMap<string, string[]>): Promise<void> {
    this.#dispatcher.add(await this.queue.enqueue(envelope, source, routes, this.#now()));
  }

  #attachmentSettings(): AttachmentSettings {
    return {
      inlineLimit: this.#options.inlineAttachmentLimit ?? 256 * 1024,
      baseUrl: (this.#options.publicUrl ?? this.#dependencies.apiUrl() ?? 'http://localhost:8025').replace(/\/+$/, ''),
      downloadKey: this.#downloadKey,
      urlTtlMs: this.#options.downloadUrlTtlMs ?? 7 * 86_400_000,
    };
  }

  async #loadDownloadKey(): Promise<Buffer> {
    if (this.#options.downloadKey !== undefined) return Buffer.from(this.#options.downloadKey);
    const stored = await this.#dependencies.records.get<string>(KEYS, 'download');
    if (stored !== undefined) return Buffer.from(stored, 'hex');
    const key = randomBytes(32);
    await this.#dependencies.records.put(KEYS, 'download', key.toString('hex'));
    return key;
  }
}
