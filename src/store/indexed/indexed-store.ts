import { bufferSource } from '../../core/message-source.js';
import type { MessageSource, MessageSummary } from '../../interfaces/message.js';
import type {
  AppendResult, CopyResult, FlagUpdate, FlagUpdateResult, MailboxStatus, MessageQuery, Quota, QuotaUsage, SpecialUse, StoredMessage,
} from '../../interfaces/store.js';
import { AbstractStore } from '../abstract-store.js';
import type { AccountMailbox, NormalisedDelivery, Outcome } from '../adapter-types.js';
import * as mailboxOperations from './mailbox-operations.js';
import * as messageOperations from './message-operations.js';
import type { IndexOperation } from './operation.js';
import { toStoredMessage, type Mutation } from './records.js';
import { StoreIndex } from './store-index.js';

/**
 * A store whose whole index (mailboxes, messages, flags, summaries, quotas, blob references)
 * lives in memory, so no call reads storage except for message bytes and records. Every change is
 * applied to the index at once, in call order, and handed to {@link IndexedStore.persist} as
 * {@link Mutation}s; the call resolves when `persist` does. The memory adapter persists nothing;
 * the level adapter writes the mutations in group-committed batches.
 *
 * The price is memory in proportion to the number of messages (a few hundred bytes each plus
 * their summaries); message bytes never stay in memory.
 */
export abstract class IndexedStore extends AbstractStore {
  /** The index; replaced on every open by what {@link IndexedStore.loadIndex} returns. */
  protected index = new StoreIndex();
  /** Summaries are kept as their JSON text (see `storedSummary`). */
  protected override readonly keepsSummaryText: boolean = true;

  /**
   * Writes mutations, in order. Must read what it needs from the records before it returns.
   * With `durable: false` (derived data such as summaries) the adapter may skip the sync: the
   * mutations ride along with the next synced write, or are lost in a crash before one.
   */
  protected abstract persist(mutations: Mutation[], options?: { durable: boolean }): Promise<void>;
  /** The bytes of a blob that messages reference. */
  protected abstract readBlob(blobId: string): Promise<Buffer>;

  /** How many distinct blobs the stored messages reference; for tests that check blob removal. */
  blobCount(): number {
    return this.index.blobCount;
  }

  protected async _ensureAccount(account: string, mailboxes: AccountMailbox[]): Promise<Outcome<void>> {
    return this.#commit(mailboxOperations.ensureAccount(this.index, account, mailboxes, this.now()));
  }

  protected async _deleteAccount(account: string): Promise<Outcome<void>> {
    return this.#commit(mailboxOperations.deleteAccount(this.index, account));
  }

  protected async _createMailbox(account: string, name: string, specialUse: SpecialUse | null): Promise<Outcome<MailboxStatus>> {
    return this.#commit(mailboxOperations.createMailbox(this.index, account, name, specialUse, this.now()));
  }

  protected async _deleteMailbox(account: string, name: string): Promise<Outcome<void>> {
    return this.#commit(mailboxOperations.deleteMailbox(this.index, account, name));
  }

  protected async _renameMailbox(account: string, from: string, to: string): Promise<Outcome<void>> {
    return this.#commit(mailboxOperations.renameMailbox(this.index, account, from, to, this.now()));
  }

  protected async _setSubscribed(account: string, name: string, subscribed: boolean): Promise<void> {
    await this.#commit(mailboxOperations.setSubscribed(this.index, account, name, subscribed));
  }

  protected async _listMailboxes(account: string): Promise<MailboxStatus[]> {
    return this.index.mailboxes(account).map((state) => state.status());
  }

  protected async _mailboxStatus(account: string, name: string): Promise<MailboxStatus | null> {
    return this.index.mailbox(account, name)?.status() ?? null;
  }

  protected async _deliver(delivery: NormalisedDelivery): Promise<Outcome<AppendResult[]>> {
    return this.#commit(messageOperations.deliver(this.index, delivery, this.now()));
  }

  protected async _listMessages(account: string, mailbox: string, query: MessageQuery): Promise<StoredMessage[]> {
    const state = this.index.requireMailbox(account, mailbox);
    return state.selectInOrder(query).map((message) => toStoredMessage(state.record, message));
  }

  protected async _getMessage(account: string, mailbox: string, uid: number): Promise<StoredMessage | null> {
    const state = this.index.requireMailbox(account, mailbox);
    const message = state.find(uid);
    return message === undefined ? null : toStoredMessage(state.record, message);
  }

  protected async _readMessage(account: string, mailbox: string, uid: number): Promise<MessageSource> {
    const message = messageOperations.requireMessage(this.index.requireMailbox(account, mailbox), uid);
    return bufferSource(await this.readBlob(message.blobId));
  }

  protected async _setSummary(account: string, mailbox: string, uid: number, summary: MessageSummary): Promise<void> {
    // A summary is derived from the message and recomputed when missing: no fsync of its own.
    await this.#commit(messageOperations.setSummary(this.index, account, mailbox, uid, summary), { durable: false });
  }

  protected async _updateFlags(account: string, mailbox: string, query: MessageQuery, update: FlagUpdate): Promise<Outcome<FlagUpdateResult>> {
    return this.#commit(messageOperations.updateFlags(this.index, account, mailbox, query, update));
  }

  protected async _transferMessages(account: string, from: string, query: MessageQuery, to: string, move: boolean): Promise<Outcome<CopyResult>> {
    return this.#commit(messageOperations.transferMessages(this.index, account, from, query, to, move));
  }

  protected async _expunge(account: string, mailbox: string, query: MessageQuery | undefined): Promise<Outcome<number[]>> {
    return this.#commit(messageOperations.expunge(this.index, account, mailbox, query));
  }

  protected async _setQuota(account: string, quota: Quota): Promise<void> {
    await this.persist([this.index.setQuota(account, quota)]);
  }

  protected async _quotaUsage(account: string): Promise<QuotaUsage> {
    return { ...this.index.usage(account), limits: this.index.quota(account) };
  }

  async #commit<T>(operation: IndexOperation<T>, options = { durable: true }): Promise<Outcome<T>> {
    if (operation.mutations.length > 0) await this.persist(operation.mutations, options);
    return { value: operation.value, changes: operation.changes };
  }
}
