/**
 * Counts the authenticated sessions of each account, so one account (or a stolen password)
 * cannot hold every connection the server has.
 */
export class AccountSessions {
  readonly #limit: number;
  readonly #counts = new Map<string, number>();

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Counts one more session of `account`; false (and nothing counted) when it already has its limit. */
  acquire(account: string): boolean {
    const count = this.#counts.get(account) ?? 0;
    if (count >= this.#limit) return false;
    this.#counts.set(account, count + 1);
    return true;
  }

  /** Counts one session of `account` less. */
  release(account: string): void {
    const left = (this.#counts.get(account) ?? 1) - 1;
    if (left > 0) this.#counts.set(account, left);
    else this.#counts.delete(account);
  }
}
