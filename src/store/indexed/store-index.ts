import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { Quota } from '../../interfaces/store.js';
import { MailboxState } from './mailbox-state.js';
import type { MailboxRecord, MessageRecord, Mutation } from './records.js';

/**
 * Everything a store knows except message bytes: accounts, mailboxes, messages, quotas and how
 * many messages reference each blob. Operations read and change it synchronously, so calls that
 * arrive together are ordered by arrival and never interleave; what changed is returned as
 * {@link Mutation}s for the adapter to make durable.
 */
export class StoreIndex {
  readonly #accounts = new Map<string, Map<string, MailboxState>>();
  readonly #byUidValidity = new Map<number, MailboxState>();
  readonly #quotas = new Map<string, Quota>();
  readonly #blobReferences = new Map<string, number>();
  #lastUidValidity = 0;

  mailbox(account: string, name: string): MailboxState | undefined {
    return this.#accounts.get(account)?.get(name);
  }

  /** @throws {StoreError} `MAILBOX_NOT_FOUND` */
  requireMailbox(account: string, name: string): MailboxState {
    const state = this.mailbox(account, name);
    if (state === undefined) throw new StoreError(ErrorCodes.MAILBOX_NOT_FOUND, `Mailbox ${JSON.stringify(name)} does not exist`);
    return state;
  }

  /** The mailboxes of an account, INBOX first, then by name. */
  mailboxes(account: string): MailboxState[] {
    const states = [...(this.#accounts.get(account)?.values() ?? [])];
    return states.sort((left, right) => compareText(sortKey(left.record.name), sortKey(right.record.name)));
  }

  usage(account: string): { bytes: number; messages: number } {
    let bytes = 0;
    let messages = 0;
    for (const state of this.#accounts.get(account)?.values() ?? []) {
      bytes += state.size;
      messages += state.messages.length;
    }
    return { bytes, messages };
  }

  quota(account: string): Quota {
    return { ...this.#quotas.get(account) };
  }

  setQuota(account: string, quota: Quota): Mutation {
    if (quota.maxBytes === undefined && quota.maxMessages === undefined) {
      this.#quotas.delete(account);
      return { kind: 'quota-delete', account };
    }
    this.#quotas.set(account, quota);
    return { kind: 'quota-put', account, quota };
  }

  /**
   * A UIDVALIDITY for a new mailbox: the clock in seconds, or one more than the last handed out
   * when the clock has not moved on, so no two incarnations ever share one (RFC 9051 §2.3.1.1).
   */
  allocateUidValidity(now: Date): number {
    this.#lastUidValidity = Math.max(Math.floor(now.getTime() / 1000), this.#lastUidValidity + 1);
    return this.#lastUidValidity;
  }

  get lastUidValidity(): number {
    return this.#lastUidValidity;
  }

  addMailbox(record: MailboxRecord): MailboxState {
    const state = new MailboxState(record);
    let mailboxes = this.#accounts.get(record.account);
    if (mailboxes === undefined) this.#accounts.set(record.account, (mailboxes = new Map()));
    mailboxes.set(record.name, state);
    this.#byUidValidity.set(record.uidValidity, state);
    this.#lastUidValidity = Math.max(this.#lastUidValidity, record.uidValidity);
    return state;
  }

  removeMailbox(state: MailboxState): void {
    const mailboxes = this.#accounts.get(state.record.account);
    mailboxes?.delete(state.record.name);
    if (mailboxes?.size === 0) this.#accounts.delete(state.record.account);
    this.#byUidValidity.delete(state.record.uidValidity);
  }

  /** Gives a mailbox a new name, keeping its identity and messages. */
  renameMailbox(state: MailboxState, newName: string): void {
    const mailboxes = this.#accounts.get(state.record.account)!;
    mailboxes.delete(state.record.name);
    state.record.name = newName;
    mailboxes.set(newName, state);
  }

  /** Counts one more message on a blob; returns whether the blob is new (must be written). */
  reference(blobId: string): boolean {
    const count = this.#blobReferences.get(blobId) ?? 0;
    this.#blobReferences.set(blobId, count + 1);
    return count === 0;
  }

  /** Counts one message less on a blob; returns whether that was the last (must be deleted). */
  release(blobId: string): boolean {
    const count = (this.#blobReferences.get(blobId) ?? 1) - 1;
    if (count > 0) {
      this.#blobReferences.set(blobId, count);
      return false;
    }
    this.#blobReferences.delete(blobId);
    return true;
  }

  /** How many distinct blobs messages reference. */
  get blobCount(): number {
    return this.#blobReferences.size;
  }

  /** Rebuilds the index from storage: mailboxes first, then each mailbox's messages by ascending UID. */
  restore(loaded: { lastUidValidity: number; mailboxes: MailboxRecord[]; quotas: Array<[string, Quota]> }): void {
    for (const record of loaded.mailboxes) this.addMailbox(record);
    for (const [account, quota] of loaded.quotas) this.#quotas.set(account, quota);
    this.#lastUidValidity = Math.max(this.#lastUidValidity, loaded.lastUidValidity);
  }

  /** Adds a message read from storage; messages of a mailbox must come in ascending UID order. */
  restoreMessage(uidValidity: number, message: MessageRecord): void {
    const state = this.#byUidValidity.get(uidValidity);
    if (state === undefined) return;
    state.push(message);
    this.reference(message.blobId);
  }
}

function sortKey(name: string): string {
  return name === 'INBOX' || name.startsWith('INBOX/') ? `\0${name}` : name;
}

function compareText(left: string, right: string): number {
  if (left === right) return 0;
  return left < right ? -1 : 1;
}
