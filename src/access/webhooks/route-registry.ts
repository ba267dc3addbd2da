import { normalizeAddress } from '../../core/address.js';
import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { RecordStore } from '../../interfaces/store.js';
import { normaliseRoute } from './route-input.js';
import { compareRoutes, compileMatch, matchesAddress, type CompiledMatch } from './route-match.js';
import type { WebhookRoute, WebhookRouteInput } from './types.js';

const ROUTES = 'webhooks.routes';

/**
 * The webhook routes, kept in `store.records` and mirrored in memory once loaded, so the RCPT
 * check costs no store read. Every change goes through this object (the API and code both use
 * it), which is what keeps the mirror true: this process is the store's one writer of routes.
 *
 * @example
 * await routes.put({ match: { pattern: 'support+*@example.com' }, action: 'post', url: 'https://app.example/hooks/mail', secret });
 * routes.match('support+42@example.com'); // that route
 */
export class WebhookRoutes {
  readonly #records: RecordStore;
  readonly #now: () => Date;
  #sorted: Array<{ route: WebhookRoute; match: CompiledMatch }> = [];
  #loaded = false;

  constructor(records: RecordStore, now: () => Date = () => new Date()) {
    this.#records = records;
    this.#now = now;
  }

  /** Reads the routes from the store (once; later calls are no-ops). */
  async load(): Promise<void> {
    if (this.#loaded) return;
    const stored = await this.#records.list<WebhookRoute>(ROUTES);
    this.#sorted = stored.map(({ value }) => ({ route: value, match: compileMatch(value.match) }));
    this.#sorted.sort((left, right) => compareRoutes(left.route, right.route));
    this.#loaded = true;
  }

  /** Every route in match order. */
  list(): WebhookRoute[] {
    return this.#sorted.map((entry) => entry.route);
  }

  get(id: string): WebhookRoute | undefined {
    return this.#sorted.find((entry) => entry.route.id === id)?.route;
  }

  /** Creates or replaces a route; durable when it resolves. */
  async put(input: WebhookRouteInput): Promise<WebhookRoute> {
    await this.load();
    const existing = input.id === undefined ? undefined : this.get(input.id);
    const route = normaliseRoute(input, existing === undefined ? this.#now() : new Date(existing.createdAt));
    await this.#records.put(ROUTES, route.id, route);
    this.#sorted = this.#sorted.filter((entry) => entry.route.id !== route.id);
    this.#sorted.push({ route, match: compileMatch(route.match) });
    this.#sorted.sort((left, right) => compareRoutes(left.route, right.route));
    return route;
  }

  /** Removes a route; WEBHOOK_ROUTE_NOT_FOUND when there is none. */
  async delete(id: string): Promise<void> {
    await this.load();
    if (this.get(id) === undefined) throw new PosthouseError(ErrorCodes.WEBHOOK_ROUTE_NOT_FOUND, `No webhook route ${JSON.stringify(id)}`);
    await this.#records.delete(ROUTES, id);
    this.#sorted = this.#sorted.filter((entry) => entry.route.id !== id);
  }

  /** The first route (in match order) that takes `address`, or null. Unreadable addresses match nothing. */
  match(address: string): WebhookRoute | null {
    if (this.#sorted.length === 0) return null;
    let normalised: string;
    try {
      normalised = normalizeAddress(address);
    } catch {
      return null;
    }
    return this.#sorted.find((entry) => matchesAddress(entry.match, normalised))?.route ?? null;
  }
}
