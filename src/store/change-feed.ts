import type { Logger } from '../interfaces/logger.js';
import type { StoreChange, StoreChangeListener } from '../interfaces/store.js';

/**
 * The listeners of a store's change feed. A listener that throws is logged and skipped: one bad
 * subscriber never breaks the store or hides a change from the others.
 */
export class ChangeFeed {
  readonly #listeners = new Set<StoreChangeListener>();
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  /** Adds a listener; returns the function that removes it. */
  watch(listener: StoreChangeListener): () => void {
    if (typeof listener !== 'function') throw new TypeError('A change listener must be a function');
    // A wrapper makes every watch() its own subscription, even for the same function.
    const subscription: StoreChangeListener = (change) => listener(change);
    this.#listeners.add(subscription);
    return () => {
      this.#listeners.delete(subscription);
    };
  }

  /** Calls every listener with every change, in order. Call only once the changes are durable. */
  publish(changes: readonly StoreChange[]): void {
    for (const change of changes) {
      for (const listener of [...this.#listeners]) {
        try {
          listener(change);
        } catch (error) {
          this.#logger.error({ err: error, change: change.type }, 'store change listener threw');
        }
      }
    }
  }
}
