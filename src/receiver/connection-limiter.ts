import type { SmtpError } from '../errors/smtp-error.js';
import { Refusals } from './refusals.js';

/**
 * Counts the sessions that were let in, in total and per remote address, so that one client
 * (or a crowd) cannot take every session the server has.
 */
export class ConnectionLimiter {
  readonly #hostname: string;
  readonly #maxConnections: number;
  readonly #maxPerIp: number;
  readonly #addressOfSession = new Map<string, string>();
  readonly #countByAddress = new Map<string, number>();

  constructor(hostname: string, maxConnections: number, maxPerIp: number) {
    this.#hostname = hostname;
    this.#maxConnections = maxConnections;
    this.#maxPerIp = maxPerIp;
  }

  /** Lets a session in and counts it, or returns the refusal it gets (421 4.7.0). */
  admit(sessionId: string, remoteAddress: string): SmtpError | null {
    if (this.#addressOfSession.size >= this.#maxConnections) return Refusals.tooManyConnections(this.#hostname);
    const fromAddress = this.#countByAddress.get(remoteAddress) ?? 0;
    if (fromAddress >= this.#maxPerIp) return Refusals.tooManyConnectionsFromIp(this.#hostname);
    this.#addressOfSession.set(sessionId, remoteAddress);
    this.#countByAddress.set(remoteAddress, fromAddress + 1);
    return null;
  }

  /** Stops counting a session; sessions that were never admitted are ignored. */
  release(sessionId: string): void {
    const remoteAddress = this.#addressOfSession.get(sessionId);
    if (remoteAddress === undefined) return;
    this.#addressOfSession.delete(sessionId);
    const left = (this.#countByAddress.get(remoteAddress) ?? 1) - 1;
    if (left > 0) this.#countByAddress.set(remoteAddress, left);
    else this.#countByAddress.delete(remoteAddress);
  }
}
