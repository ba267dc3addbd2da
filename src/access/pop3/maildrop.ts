import type { MessageSource } from '../../interfaces/message.js';
import type { Store, UidRange } from '../../interfaces/store.js';
import { ErrorCodes } from '../../errors/codes.js';
import { isPosthouseError } from '../../errors/posthouse-error.js';
import { Pop3Error } from './pop3-error.js';

/** The mailbox a POP3 session serves: every account's INBOX (RFC 1939 §1, "maildrop"). */
export const MAILDROP_MAILBOX = 'INBOX';

/** One message of the maildrop as the session numbers it. */
export interface MaildropMessage {
  /** The message number, 1-based, fixed for the session (RFC 1939 §4). */
  number: number;
  uid: number;
  /** Octets as stored. */
  size: number;
}

/**
 * The messages of an account's INBOX as they were when the session entered the TRANSACTION
 * state, with the session's deletion marks. Numbers never change during the session; deletions
 * touch the store only in {@link Maildrop.commit}, the UPDATE state (RFC 1939 §6).
 */
export class Maildrop {
  readonly account: string;
  readonly #store: Store;
  readonly #uidValidity: number;
  readonly #messages: MaildropMessage[];
  readonly #deleted = new Set<number>();

  private constructor(store: Store, account: string, uidValidity: number, messages: MaildropMessage[]) {
    this.#store = store;
    this.account = account;
    this.#uidValidity = uidValidity;
    this.#messages = messages;
  }

  /** Takes the listing of the account's INBOX; an account without one has an empty maildrop. */
  static async open(store: Store, account: string): Promise<Maildrop> {
    const status = await store.mailboxStatus(account, MAILDROP_MAILBOX);
    if (status === null) return new Maildrop(store, account, 0, []);
    const stored = await store.listMessages(account, MAILDROP_MAILBOX);
    const messages = stored.map((message, index) => ({ number: index + 1, uid: message.uid, size: message.size }));
    return new Maildrop(store, account, status.uidValidity, messages);
  }

  /** Messages not marked deleted, in number order. */
  visible(): MaildropMessage[] {
    return this.#messages.filter((message) => !this.#deleted.has(message.number));
  }

  /** RFC 1939 §5 STAT: count and total octets of the messages not marked deleted. */
  stat(): { count: number; size: number } {
    const visible = this.visible();
    return { count: visible.length, size: visible.reduce((total, message) => total + message.size, 0) };
  }

  /**
   * The message a command argument names. The argument must be a decimal message number of a
   * message that exists and is not marked deleted, else the reply says which rule it broke.
   */
  message(argument: string | undefined): MaildropMessage {
    if (argument === undefined || argument === '') throw new Pop3Error('Message number expected.');
    if (!/^\d{1,10}$/.test(argument)) throw new Pop3Error(`Invalid message number: ${argument.slice(0, 40)}`);
    const found = this.#messages[Number(argument) - 1];
    if (found === undefined) throw new Pop3Error(`There's no message ${Number(argument)}.`);
    if (this.#deleted.has(found.number)) throw new Pop3Error('Message is deleted.');
    return found;
  }

  /** The unique-id listing of RFC 1939 §7 UIDL: stable across sessions, printable, at most 70 octets. */
  uniqueId(message: MaildropMessage): string {
    return `${this.#uidValidity}.${message.uid}`;
  }

  /** The stored bytes of a message; one removed by another client meanwhile is a precise -ERR. */
  async read(message: MaildropMessage): Promise<MessageSource> {
    try {
      return await this.#store.readMessage(this.account, MAILDROP_MAILBOX, message.uid);
    } catch (error) {
      if (isPosthouseError(error, ErrorCodes.MESSAGE_NOT_FOUND)) throw new Pop3Error(`Message ${message.number} was removed by another client.`);
      throw error;
    }
  }

  markDeleted(message: MaildropMessage): void {
    this.#deleted.add(message.number);
  }

  /** RFC 1939 §5 RSET: unmarks every message. */
  unmarkAll(): void {
    this.#deleted.clear();
  }

  /** Whether any message is marked deleted. */
  get hasDeletions(): boolean {
    return this.#deleted.size > 0;
  }

  /**
   * The UPDATE state: flags the marked messages `\Deleted` and expunges exactly those UIDs, so
   * messages another client flagged stay until that client expunges them. Resolves how many went.
   */
  async commit(): Promise<number> {
    if (this.#deleted.size === 0) return 0;
    const uids = uidRanges(this.#messages.filter((message) => this.#deleted.has(message.number)).map((message) => message.uid));
    await this.#store.updateFlags(this.account, MAILDROP_MAILBOX, { uids }, { operation: 'add', flags: ['\\Deleted'] });
    const expunged = await this.#store.expunge(this.account, MAILDROP_MAILBOX, { uids });
    this.#deleted.clear();
    return expunged.length;
  }
}

/** Ascending UIDs folded into ranges: 1,2,3,7 → 1:3, 7:7. */
function uidRanges(uids: number[]): UidRange[] {
  const ranges: UidRange[] = [];
  for (const uid of uids) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.end + 1 === uid) last.end = uid;
    else ranges.push({ start: uid, end: uid });
  }
  return ranges;
}
