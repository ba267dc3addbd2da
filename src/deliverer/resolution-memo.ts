import type { Resolution } from '../interfaces/directory.js';

type LocalResolution = Extract<Resolution, { kind: 'local' }>;

/** Resolutions kept at most; past it the oldest is dropped (a memo miss only costs a lookup). */
const MAX_ENTRIES = 10_000;
/** How long a RCPT-time resolution is trusted: a transaction's DATA follows within this. */
const MAX_AGE_MS = 10 * 60 * 1000;

/**
 * The recipient resolutions made at RCPT, kept per session and address so `deliver` does not ask
 * the directory a second time for the same transaction. Bounded in size and age; each entry is
 * taken (removed) when the transaction is delivered.
 */
export class ResolutionMemo {
  readonly #entries = new Map<string, { resolution: LocalResolution; at: number }>();

  /** Remembers the RCPT-time resolution of `address` in session `sessionId`. */
  remember(sessionId: string, address: string, resolution: LocalResolution): void {
    const key = `${sessionId}\n${address}`;
    this.#entries.delete(key);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { resolution, at: Date.now() });
  }

  /** The remembered resolution, removed from the memo; undefined when there is none or it is too old. */
  take(sessionId: string, address: string): LocalResolution | undefined {
    const key = `${sessionId}\n${address}`;
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    return Date.now() - entry.at <= MAX_AGE_MS ? entry.resolution : undefined;
  }
}
