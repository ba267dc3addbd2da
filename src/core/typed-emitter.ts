import { EventEmitter } from 'node:events';

/**
 * An EventEmitter whose `on`/`once`/`off`/`emit` are typed by an event map
 * (`{ name: payload }`). A listener that throws never breaks the emitter's caller: errors from
 * listeners are the listener's own.
 */
export class TypedEmitter<Events extends object> {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  on<Name extends keyof Events & string>(name: Name, listener: (payload: Events[Name]) => void): this {
    this.#emitter.on(name, listener);
    return this;
  }

  once<Name extends keyof Events & string>(name: Name, listener: (payload: Events[Name]) => void): this {
    this.#emitter.once(name, listener);
    return this;
  }

  off<Name extends keyof Events & string>(name: Name, listener: (payload: Events[Name]) => void): this {
    this.#emitter.off(name, listener);
    return this;
  }

  /** Calls every listener; returns whether there was any. */
  emit<Name extends keyof Events & string>(name: Name, payload: Events[Name]): boolean {
    return this.#emitter.emit(name, payload);
  }
}
