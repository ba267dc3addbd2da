import type { MailboxStatus, StoreChange } from '../../../interfaces/store.js';
import { formatFlags, formatUidSet } from '../wire/response-format.js';
import type { OwnFlagChange, SelectedMailboxView } from '../types.js';

/** How a view announces what changed (RFC 9051 §7.4, RFC 7162 §3.2.10). */
export interface FlushOptions {
  /** Whether EXPUNGE/VANISHED may be sent now (not during FETCH, STORE, SEARCH without UID). */
  expunges: boolean;
  /** QRESYNC enabled: VANISHED instead of EXPUNGE. */
  qresync: boolean;
}

/**
 * One session's view of its selected mailbox: the UIDs in sequence order as the client knows
 * them, and the changes from the store's feed not yet announced. The client's numbering only
 * moves when {@link flush} writes the untagged responses that tell it so.
 */
export class MailboxView implements SelectedMailboxView {
  readonly account: string;
  name: string;
  readonly readOnly: boolean;
  readonly uidValidity: number;
  condstore = false;
  /** The UID of the first message without `\Seen` when the mailbox was selected (RFC 3501 `[UNSEEN n]`). */
  firstUnseenUid: number | null = null;
  #uids: number[] = [];
  #appended: number[] = [];
  readonly #expunged = new Set<number>();
  readonly #flags = new Map<number, { flags: string[]; modseq: number }>();
  readonly #ownFlagChanges = new Set<string>();
  #deleted = false;
  /** Called whenever a change arrives (IDLE flushes at once). */
  onChange: (() => void) | null = null;

  constructor(status: MailboxStatus, readOnly: boolean) {
    this.account = status.account;
    this.name = status.name;
    this.readOnly = readOnly;
    this.uidValidity = status.uidValidity;
  }

  /**
   * Sets the messages the client starts from (SELECT's listing, ascending UIDs). The view watches
   * the feed before the listing, so changes queued meanwhile are reconciled at the first flush.
   */
  load(uids: number[]): void {
    this.#uids = uids;
  }

  get uids(): readonly number[] {
    return this.#uids;
  }

  /** Whether the mailbox was deleted under this view. */
  get deleted(): boolean {
    return this.#deleted;
  }

  sequenceNumber(uid: number): number | null {
    let low = 0;
    let high = this.#uids.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.#uids[middle]!;
      if (found === uid) return middle + 1;
      if (found < uid) low = middle + 1;
      else high = middle - 1;
    }
    return null;
  }

  /** Records this session's own flag changes so that their feed entries are not echoed. */
  suppressFlagEcho(changes: readonly OwnFlagChange[]): void {
    for (const change of changes) {
      this.#ownFlagChanges.add(`${change.uid}:${change.modseq}`);
      const pending = this.#flags.get(change.uid);
      if (pending !== undefined && pending.modseq <= change.modseq) this.#flags.delete(change.uid);
    }
  }

  /** Queues one change of this mailbox from the store's feed. */
  receive(change: StoreChange): void {
    switch (change.type) {
      case 'appended':
        this.#appended.push(change.uid);
        break;
      case 'expunged':
        this.#expunged.add(change.uid);
        this.#flags.delete(change.uid);
        break;
      case 'flags': {
        const own = `${change.uid}:${change.modseq}`;
        if (this.#ownFlagChanges.delete(own)) return;
        this.#flags.set(change.uid, { flags: change.flags, modseq: change.modseq });
        break;
      }
      case 'mailbox-deleted':
        this.#deleted = true;
        for (const uid of [...this.#uids, ...this.#appended]) this.#expunged.add(uid);
        break;
      case 'mailbox-renamed':
        this.name = change.newName;
        return;
      case 'mailbox-created':
        return;
    }
    this.onChange?.();
  }

  /** Whether {@link flush} has something to say. */
  get hasPending(): boolean {
    return this.#appended.length > 0 || this.#expunged.size > 0 || this.#flags.size > 0;
  }

  /** Writes the pending changes as untagged responses and moves the client's numbering with them. */
  flush(write: (line: string) => void, options: FlushOptions): void {
    if (options.expunges && this.#expunged.size > 0) this.#flushExpunges(write, options.qresync);
    this.#flushFlags(write);
    this.#flushAppended(write);
    this.#ownFlagChanges.clear();
  }

  #flushExpunges(write: (line: string) => void, qresync: boolean): void {
    const gone = this.#expunged;
    const vanished: number[] = [];
    // Highest sequence number first, so each EXPUNGE's number is still right when the client applies it.
    for (let index = this.#uids.length - 1; index >= 0; index--) {
      const uid = this.#uids[index]!;
      if (!gone.has(uid)) continue;
      if (qresync) vanished.push(uid);
      else write(`${index + 1} EXPUNGE`);
    }
    if (vanished.length > 0) write(`VANISHED ${formatUidSet(vanished)}`);
    this.#uids = this.#uids.filter((uid) => !gone.has(uid));
    this.#appended = this.#appended.filter((uid) => !gone.has(uid));
    gone.clear();
  }

  #flushFlags(write: (line: string) => void): void {
    for (const [uid, { flags, modseq }] of this.#flags) {
      const sequence = this.sequenceNumber(uid);
      if (sequence === null) continue;
      const modseqPart = this.condstore ? ` MODSEQ (${modseq})` : '';
      write(`${sequence} FETCH (UID ${uid} FLAGS ${formatFlags(flags)}${modseqPart})`);
    }
    this.#flags.clear();
  }

  #flushAppended(write: (line: string) => void): void {
    if (this.#appended.length === 0) return;
    const highest = this.#uids.at(-1) ?? 0;
    const fresh = [...new Set(this.#appended)].filter((uid) => uid > highest).sort((left, right) => left - right);
    this.#appended = [];
    if (fresh.length === 0) return;
    this.#uids = this.#uids.concat(fresh);
    write(`${this.#uids.length} EXISTS`);
  }
}
