import { ErrorCodes } from '../errors/codes.js';
import { StoreError } from '../errors/store-error.js';

type State = 'new' | 'opening' | 'open' | 'closing' | 'closed';

/**
 * The open/closed state of a store. `ready()` gates every call: a store never opened opens on
 * first use (deferred open, as abstract-level does); one that was closed rejects with
 * `STORE_CLOSED` until `open()` is called again. Concurrent `open()` or `close()` calls share
 * one attempt.
 */
export class StoreLifecycle {
  #state: State = 'new';
  #pending: Promise<void> | null = null;
  readonly #openStorage: () => Promise<void>;
  readonly #closeStorage: () => Promise<void>;

  constructor(openStorage: () => Promise<void>, closeStorage: () => Promise<void>) {
    this.#openStorage = openStorage;
    this.#closeStorage = closeStorage;
  }

  async open(): Promise<void> {
    while (this.#state === 'opening' || this.#state === 'closing') await this.#pending?.catch(() => {});
    if (this.#state === 'open') return;
    this.#state = 'opening';
    this.#pending = this.#openStorage().then(
      () => { this.#state = 'open'; },
      (error: unknown) => { this.#state = 'closed'; throw error; },
    );
    return this.#pending;
  }

  async close(): Promise<void> {
    while (this.#state === 'opening' || this.#state === 'closing') await this.#pending?.catch(() => {});
    if (this.#state !== 'open') {
      this.#state = 'closed';
      return;
    }
    this.#state = 'closing';
    this.#pending = this.#closeStorage().finally(() => { this.#state = 'closed'; });
    return this.#pending;
  }

  /** Resolves once the store is open; rejects with `STORE_CLOSED` after close(). */
  async ready(): Promise<void> {
    if (this.#state === 'open') return;
    if (this.#state === 'new') return this.open();
    if (this.#state === 'opening') {
      await this.#pending;
      return this.ready();
    }
    throw new StoreError(ErrorCodes.STORE_CLOSED, 'The store is closed');
  }
}
