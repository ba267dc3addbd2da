import type { MailboxStatus, MessageQuery, UidRange } from '../../interfaces/store.js';
import { hasFlag } from '../validation/flags.js';
import { toMailboxStatus, type MailboxRecord, type MessageRecord } from './records.js';

/**
 * One mailbox in the index: its record and its messages in ascending UID order, with the counts
 * STATUS needs kept up to date so no call walks the messages to answer them.
 */
export class MailboxState {
  readonly record: MailboxRecord;
  readonly #messages: MessageRecord[] = [];
  #unseen = 0;
  #size = 0;

  constructor(record: MailboxRecord) {
    this.record = record;
  }

  get messages(): readonly MessageRecord[] {
    return this.#messages;
  }

  get size(): number {
    return this.#size;
  }

  status(): MailboxStatus {
    return toMailboxStatus(this.record, { messages: this.#messages.length, unseen: this.#unseen, size: this.#size });
  }

  /** Takes the next UID and MODSEQ for a new message. */
  allocate(): { uid: number; modseq: number } {
    return { uid: this.record.uidNext++, modseq: ++this.record.highestModseq };
  }

  /** Takes the next MODSEQ (RFC 7162 §3.1: every change to a message gets a higher one). */
  nextModseq(): number {
    return ++this.record.highestModseq;
  }

  /** Adds a message whose UID is higher than every UID already here. */
  push(message: MessageRecord): void {
    this.#messages.push(message);
    this.#size += message.size;
    if (!hasFlag(message.flags, '\\Seen')) this.#unseen += 1;
  }

  find(uid: number): MessageRecord | undefined {
    const index = this.#lowerBound(uid);
    const message = this.#messages[index];
    return message?.uid === uid ? message : undefined;
  }

  /** Replaces a message's flags, keeping the unseen count right. */
  setFlags(message: MessageRecord, flags: string[]): void {
    const wasSeen = hasFlag(message.flags, '\\Seen');
    const isSeen = hasFlag(flags, '\\Seen');
    message.flags = flags;
    if (wasSeen !== isSeen) this.#unseen += isSeen ? -1 : 1;
  }

  /** Removes the messages with the given UIDs. */
  remove(uids: ReadonlySet<number>): void {
    let kept = 0;
    for (const message of this.#messages) {
      if (uids.has(message.uid)) {
        this.#size -= message.size;
        if (!hasFlag(message.flags, '\\Seen')) this.#unseen -= 1;
      } else {
        this.#messages[kept++] = message;
      }
    }
    this.#messages.length = kept;
  }

  /**
   * The messages a query addresses, in ascending UID order; with `order: 'desc'` and a `limit`,
   * the highest ones. Walks only as far as the limit needs, from the end the order starts at.
   */
  select(query: MessageQuery | undefined): MessageRecord[] {
    const selected = this.selectInOrder(query);
    return query?.order === 'desc' ? selected.reverse() : selected;
  }

  /** The messages a query addresses, in the query's order (highest UID first for `desc`). */
  selectInOrder(query: MessageQuery | undefined): MessageRecord[] {
    const limit = query?.limit ?? Infinity;
    const changedSince = query?.changedSince ?? -1;
    const ranges = query?.uids ?? [{ start: 1, end: Infinity }];
    const walk = query?.order === 'desc' ? this.#descending(ranges) : this.#ascending(ranges);
    const result: MessageRecord[] = [];
    if (limit === 0) return result;
    for (const message of walk) {
      if (message.modseq <= changedSince) continue;
      result.push(message);
      if (result.length >= limit) break;
    }
    return result;
  }

  *#ascending(ranges: readonly UidRange[]): Generator<MessageRecord> {
    const sorted = [...ranges].sort((left, right) => left.start - right.start);
    let lastUid = 0;
    for (const range of sorted) {
      for (let index = this.#lowerBound(Math.max(range.start, lastUid + 1)); index < this.#messages.length; index++) {
        const message = this.#messages[index]!;
        if (message.uid > range.end) break;
        yield message;
        lastUid = message.uid;
      }
    }
  }

  *#descending(ranges: readonly UidRange[]): Generator<MessageRecord> {
    const sorted = [...ranges].sort((left, right) => right.end - left.end);
    let lowestUid = Infinity;
    for (const range of sorted) {
      const top = Math.min(range.end, lowestUid - 1);
      // The first index above `top`, minus one: the highest message at or below it.
      for (let index = this.#lowerBound(top + 1) - 1; index >= 0; index--) {
        const message = this.#messages[index]!;
        if (message.uid < range.start) break;
        yield message;
        lowestUid = message.uid;
      }
    }
  }

  /** The index of the first message whose UID is at least `uid`. */
  #lowerBound(uid: number): number {
    let low = 0;
    let high = this.#messages.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#messages[middle]!.uid < uid) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
