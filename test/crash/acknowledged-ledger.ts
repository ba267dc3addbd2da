import assert from 'node:assert/strict';
import { sentContent, type StoredLoadMessage } from './stored-load.js';

/**
 * Remembers every message the server acknowledged with 250, and what earlier checks of the store
 * saw, so each check after a crash can prove nothing acknowledged was lost or changed and UIDs
 * were never reused.
 */
export class AcknowledgedLedger {
  readonly #acknowledged = new Set<string>();
  /** Token to UID, as the last check saw them. */
  readonly #knownUids = new Map<string, number>();
  /** Per account, the highest UID the last check saw. */
  readonly #highestUids = new Map<string, number>();

  /** Records a message the server answered 250 for. */
  acknowledge(token: string): void {
    this.#acknowledged.add(token);
  }

  get size(): number {
    return this.#acknowledged.size;
  }

  /** Acknowledged tokens that are not in the store. */
  missing(stored: readonly StoredLoadMessage[]): string[] {
    const present = new Set(stored.map((message) => message.token));
    return [...this.#acknowledged].filter((token) => !present.has(token));
  }

  /**
   * Asserts that every acknowledged message is in the store, that every stored load message
   * (acknowledged or not: a write is all or nothing) is byte-identical to what was sent and stored
   * once, that nothing an earlier check saw is gone, that UIDs ascend in each mailbox, that a message keeps its UID, and that messages new
   * since the last check got UIDs above every UID that check saw. Then remembers this state.
   */
  check(stored: readonly StoredLoadMessage[]): void {
    const missing = this.missing(stored);
    assert.equal(missing.length, 0, `${missing.length} acknowledged messages lost, e.g. ${missing.slice(0, 3).join(', ')}`);
    const seen = new Set<string>();
    const present = new Set(stored.map((message) => message.token));
    const vanished = [...this.#knownUids.keys()].filter((token) => !present.has(token));
    assert.equal(vanished.length, 0, `${vanished.length} messages an earlier check saw are gone, e.g. ${vanished.slice(0, 3).join(', ')}`);
    const lastUid = new Map<string, number>();
    for (const message of stored) {
      assert.ok(!seen.has(message.token), `${message.token} is stored twice`);
      seen.add(message.token);
      assert.ok(message.content.equals(sentContent(message.token)), `${message.token} differs from what was sent`);
      assert.ok(message.uid > (lastUid.get(message.account) ?? 0), `UIDs of ${message.account} do not ascend at ${message.uid}`);
      lastUid.set(message.account, message.uid);
      const knownUid = this.#knownUids.get(message.token);
      if (knownUid !== undefined) assert.equal(message.uid, knownUid, `${message.token} changed UID`);
      else assert.ok(message.uid > (this.#highestUids.get(message.account) ?? 0), `${message.account} reused UID ${message.uid}`);
    }
    for (const message of stored) this.#knownUids.set(message.token, message.uid);
    for (const [account, uid] of lastUid) this.#highestUids.set(account, uid);
  }
}
