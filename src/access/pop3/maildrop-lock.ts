/**
 * The exclusive-access lock RFC 1939 §8 asks for: one POP3 session per maildrop at a time, within
 * one server (every listener of a {@link Pop3Server} shares one). A second session for the same
 * account is refused with `-ERR [IN-USE]` (RFC 2449 §8.1.2).
 */
export class MaildropLocks {
  readonly #held = new Set<string>();

  /** Takes the lock of `account`; false when another session holds it. */
  acquire(account: string): boolean {
    if (this.#held.has(account)) return false;
    this.#held.add(account);
    return true;
  }

  /** Gives the lock back; idempotent. */
  release(account: string): void {
    this.#held.delete(account);
  }

  /** Whether a session holds the lock of `account`. */
  isHeld(account: string): boolean {
    return this.#held.has(account);
  }
}
