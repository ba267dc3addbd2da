import type { Store, StoreChange } from '../../../interfaces/store.js';
import type { MailboxView } from './mailbox-view.js';

/**
 * Routes the store's change feed to the views that have the changed mailbox selected: one
 * `store.watch` subscription for a whole server, however many sessions, and no polling.
 */
export class WatchHub {
  readonly #store: Store;
  readonly #views = new Map<string, Set<MailboxView>>();
  #unwatch: (() => void) | null = null;

  constructor(store: Store) {
    this.#store = store;
  }

  /** Starts delivering changes to `view` (before its first listing, so nothing is missed). */
  add(view: MailboxView): void {
    this.#unwatch ??= this.#store.watch((change) => this.#route(change));
    const key = keyOf(view.account, view.name);
    const views = this.#views.get(key) ?? new Set<MailboxView>();
    views.add(view);
    this.#views.set(key, views);
  }

  /** Stops delivering changes to `view`; the feed subscription ends with the last view. */
  remove(view: MailboxView): void {
    const key = keyOf(view.account, view.name);
    const views = this.#views.get(key);
    views?.delete(view);
    if (views?.size === 0) this.#views.delete(key);
    if (this.#views.size === 0) {
      this.#unwatch?.();
      this.#unwatch = null;
    }
  }

  #route(change: StoreChange): void {
    const key = keyOf(change.account, change.mailbox);
    const views = this.#views.get(key);
    if (views === undefined) return;
    if (change.type === 'mailbox-renamed') {
      this.#views.delete(key);
      const target = keyOf(change.account, change.newName);
      this.#views.set(target, new Set([...(this.#views.get(target) ?? []), ...views]));
    }
    for (const view of [...views]) view.receive(change);
  }
}

/** INBOX is matched case-insensitively (RFC 9051 §5.1); every other name exactly. */
function keyOf(account: string, mailbox: string): string {
  return `${account}\u0000${mailbox.toUpperCase() === 'INBOX' ? 'INBOX' : mailbox}`;
}
