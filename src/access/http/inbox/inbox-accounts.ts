import type { TypedEmitter } from '../../../core/typed-emitter.js';
import type { Directory } from '../../../interfaces/directory.js';
import type { MailEvents } from '../../../interfaces/events.js';
import { reachesAccount, type Principal } from '../auth/scope.js';

/** Accounts remembered from deliveries; past this many the oldest is forgotten, so memory stays bounded. */
const MAX_SEEN_ACCOUNTS = 10_000;

/**
 * The accounts the inbox offers: the directory's, and those mail was delivered to since the
 * server started. A test server accepts every address as an account of its own without listing
 * it in the directory; remembering deliveries is how its inbox can show "all accounts".
 */
export class InboxAccounts {
  readonly #directory: Directory;
  readonly #events: TypedEmitter<MailEvents>;
  readonly #seen = new Set<string>();
  readonly #onDelivered = (event: MailEvents['delivered']): void => {
    this.#seen.delete(event.account);
    this.#seen.add(event.account);
    if (this.#seen.size > MAX_SEEN_ACCOUNTS) this.#seen.delete(this.#seen.values().next().value!);
  };

  constructor(directory: Directory, events: TypedEmitter<MailEvents>) {
    this.#directory = directory;
    this.#events = events;
    events.on('delivered', this.#onDelivered);
  }

  /** The addresses `principal` reaches, sorted. */
  async list(principal: Principal): Promise<string[]> {
    const known = new Set(this.#seen);
    for (const record of await this.#directory.listAccounts()) known.add(record.address);
    return [...known].filter((address) => reachesAccount(principal.scope, address)).sort();
  }

  /** Stops listening to deliveries. */
  detach(): void {
    this.#events.off('delivered', this.#onDelivered);
  }
}
