/** Releases a slot taken from a {@link ConcurrencyLimiter}; calling it twice is harmless. */
export type ReleaseSlot = () => void;

interface Waiter {
  domain: string;
  grant(release: ReleaseSlot): void;
}

/**
 * Slots for delivery transactions: at most `total` at once, and at most `perDomain` to any one
 * destination domain (so one slow or throttling domain cannot take every worker, and we do not
 * open more connections to a domain than it tolerates). Waiters are served first come, first
 * served among those whose domain has room.
 *
 * @example
 * const limiter = new ConcurrencyLimiter({ total: 20, perDomain: 4 });
 * const release = await limiter.acquire('example.org');
 * try { await send(); } finally { release(); }
 */
export class ConcurrencyLimiter {
  readonly #total: number;
  readonly #perDomain: number;
  readonly #active = new Map<string, number>();
  readonly #waiters: Waiter[] = [];
  #activeTotal = 0;

  constructor(limits: { total: number; perDomain: number }) {
    for (const [name, value] of Object.entries(limits)) {
      if (!(Number.isInteger(value) && value >= 1)) throw new RangeError(`concurrency: ${name} must be a whole number of at least 1, got ${value}`);
    }
    this.#total = limits.total;
    this.#perDomain = limits.perDomain;
  }

  /** Transactions running now. */
  get active(): number {
    return this.#activeTotal;
  }

  /** Resolves once a slot for `domain` is free. */
  acquire(domain: string): Promise<ReleaseSlot> {
    return new Promise((grant) => {
      this.#waiters.push({ domain, grant });
      this.#serve();
    });
  }

  #hasRoom(domain: string): boolean {
    return this.#activeTotal < this.#total && (this.#active.get(domain) ?? 0) < this.#perDomain;
  }

  #serve(): void {
    for (let index = 0; index < this.#waiters.length && this.#activeTotal < this.#total; ) {
      const waiter = this.#waiters[index]!;
      if (!this.#hasRoom(waiter.domain)) {
        index += 1;
        continue;
      }
      this.#waiters.splice(index, 1);
      waiter.grant(this.#take(waiter.domain));
    }
  }

  #take(domain: string): ReleaseSlot {
    this.#activeTotal += 1;
    this.#active.set(domain, (this.#active.get(domain) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#activeTotal -= 1;
      const left = (this.#active.get(domain) ?? 1) - 1;
      if (left === 0) this.#active.delete(domain);
      else this.#active.set(domain, left);
      this.#serve();
    };
  }
}
