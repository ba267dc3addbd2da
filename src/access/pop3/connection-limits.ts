/**
 * Counts open sessions, in total and per remote address, so that one client (or a crowd) cannot
 * take every session the server has.
 */
export class ConnectionLimits {
  readonly #maxConnections: number;
  readonly #maxPerIp: number;
  readonly #countByAddress = new Map<string, number>();
  #total = 0;

  constructor(maxConnections: number, maxPerIp: number) {
    this.#maxConnections = maxConnections;
    this.#maxPerIp = maxPerIp;
  }

  /** Counts a new session, or says why it is refused (the text of a `-ERR [SYS/TEMP]`). */
  admit(remoteAddress: string): string | null {
    if (this.#total >= this.#maxConnections) return 'Too many connections, try again later.';
    const fromAddress = this.#countByAddress.get(remoteAddress) ?? 0;
    if (fromAddress >= this.#maxPerIp) return 'Too many connections from your address.';
    this.#countByAddress.set(remoteAddress, fromAddress + 1);
    this.#total += 1;
    return null;
  }

  /** Stops counting a session that {@link admit} let in. */
  release(remoteAddress: string): void {
    const left = (this.#countByAddress.get(remoteAddress) ?? 1) - 1;
    if (left > 0) this.#countByAddress.set(remoteAddress, left);
    else this.#countByAddress.delete(remoteAddress);
    this.#total = Math.max(0, this.#total - 1);
  }
}
