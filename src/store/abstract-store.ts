import { silentLogger } from '../core/logger.js';
import { ErrorCodes } from '../errors/codes.js';
import { StoreError } from '../errors/store-error.js';
import type { Logger } from '../interfaces/logger.js';
import type { MessageSource, MessageSummary } from '../interfaces/message.js';
import type {
  AppendResult, AppendTarget, CopyResult, DeliveryInput, FlagUpdate, FlagUpdateResult, MailboxStatus, MessageQuery,
  Quota, QuotaUsage, RecordStore, SpecialUse, Store, StoreCapabilities, StoreChangeListener, StoredMessage,
} from '../interfaces/store.js';
import type { AbstractStoreOptions, AccountMailbox, NormalisedDelivery, Outcome } from './adapter-types.js';
import { ChangeFeed } from './change-feed.js';
import { normaliseDelivery, normaliseTarget } from './delivery-input.js';
import { gatedRecordStore } from './gated-record-store.js';
import { StoreLifecycle } from './store-lifecycle.js';
import { JsonSummary } from './summary-json.js';
import {
  checkAccount, checkBoolean, checkSpecialUse, checkUid, invalid, normaliseFlagUpdate, normaliseQuery, normaliseQuota,
} from './validation/arguments.js';
import { normaliseMailboxName } from './validation/mailbox-name.js';

/**
 * The shared half of every store adapter, after Level's abstract-level: the public methods check
 * and normalise their arguments (mailbox names, flags, UIDs, queries), manage the open/closed
 * state and publish the change feed once an adapter's write is durable. An adapter fills the
 * protected `_methods`, which only ever see valid, canonical arguments on an open store.
 *
 * A store that was never opened opens itself on first use; after `close()` every call rejects
 * with `STORE_CLOSED` until `open()` is called again.
 *
 * @example
 * class MyStore extends AbstractStore {
 *   readonly capabilities = { persistent: true, shared: false };
 *   protected async _open() {  ...  }
 *   // ...one _method per Store method
 * }
 */
export abstract class AbstractStore implements Store {
  abstract readonly capabilities: StoreCapabilities;
  /** The records area, checked and gated like every other call. */
  readonly records: RecordStore;
  protected readonly logger: Logger;
  protected readonly now: () => Date;
  /**
   * Whether `_setSummary` takes a {@link JsonSummary} (a summary read lazily from its text) as it
   * is, to keep the text. Otherwise it gets a plain object, as every adapter may assume.
   */
  protected readonly keepsSummaryText: boolean = false;
  readonly #feed: ChangeFeed;
  readonly #lifecycle: StoreLifecycle;

  constructor(options: AbstractStoreOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.now = options.now ?? (() => new Date());
    this.#feed = new ChangeFeed(this.logger);
    this.#lifecycle = new StoreLifecycle(() => this._open(), () => this._close());
    this.records = gatedRecordStore(() => this.#lifecycle.ready(), {
      get: (namespace, key) => this._recordGet(namespace, key),
      put: (namespace, key, json) => this._recordPut(namespace, key, json),
      delete: (namespace, key) => this._recordDelete(namespace, key),
      list: (namespace) => this._recordList(namespace),
    });
  }

  open(): Promise<void> {
    return this.#lifecycle.open();
  }

  close(): Promise<void> {
    return this.#lifecycle.close();
  }

  watch(listener: StoreChangeListener): () => void {
    return this.#feed.watch(listener);
  }

  async ensureAccount(account: string, mailboxes: Array<{ name: string; specialUse: SpecialUse }> = []): Promise<void> {
    checkAccount(account);
    if (!Array.isArray(mailboxes)) throw invalid('mailboxes must be an array');
    const wanted: AccountMailbox[] = mailboxes.map((mailbox) => ({ name: normaliseMailboxName(mailbox?.name), specialUse: checkSpecialUse(mailbox.specialUse) }));
    return this.#change(() => this._ensureAccount(account, wanted));
  }

  async deleteAccount(account: string): Promise<void> {
    checkAccount(account);
    return this.#change(() => this._deleteAccount(account));
  }

  async createMailbox(account: string, name: string, options: { specialUse?: SpecialUse } = {}): Promise<MailboxStatus> {
    checkAccount(account);
    const canonical = normaliseMailboxName(name);
    const specialUse = options?.specialUse === undefined ? null : checkSpecialUse(options.specialUse);
    return this.#change(() => this._createMailbox(account, canonical, specialUse));
  }

  async deleteMailbox(account: string, name: string): Promise<void> {
    checkAccount(account);
    const canonical = normaliseMailboxName(name);
    return this.#change(() => this._deleteMailbox(account, canonical));
  }

  async renameMailbox(account: string, from: string, to: string): Promise<void> {
    checkAccount(account);
    const source = normaliseMailboxName(from);
    const destination = normaliseMailboxName(to);
    return this.#change(() => this._renameMailbox(account, source, destination));
  }

  async setSubscribed(account: string, name: string, subscribed: boolean): Promise<void> {
    checkAccount(account);
    const canonical = normaliseMailboxName(name);
    checkBoolean(subscribed, 'subscribed');
    await this.#lifecycle.ready();
    return this._setSubscribed(account, canonical, subscribed);
  }

  async listMailboxes(account: string): Promise<MailboxStatus[]> {
    checkAccount(account);
    await this.#lifecycle.ready();
    return this._listMailboxes(account);
  }

  async mailboxStatus(account: string, name: string): Promise<MailboxStatus | null> {
    checkAccount(account);
    const canonical = normaliseMailboxName(name);
    await this.#lifecycle.ready();
    return this._mailboxStatus(account, canonical);
  }

  async deliver(input: DeliveryInput): Promise<AppendResult[]> {
    if (typeof input !== 'object' || input === null) throw invalid('A delivery must be an object');
    if (!Array.isArray(input.targets) || input.targets.length === 0) throw invalid('A delivery needs at least one target');
    const targets = input.targets.map(normaliseTarget);
    const delivery = await normaliseDelivery(input.source, input.internalDate ?? this.now(), input.summary, targets);
    return this.#change(() => this._deliver(delivery));
  }

  async append(target: AppendTarget, source: MessageSource | Buffer, options: { internalDate?: Date; summary?: MessageSummary | null } = {}): Promise<AppendResult> {
    const normalised = normaliseTarget(target);
    const delivery = await normaliseDelivery(source, options?.internalDate ?? this.now(), options?.summary, [normalised]);
    const [result] = await this.#change(() => this._deliver(delivery));
    return result!;
  }

  async listMessages(account: string, mailbox: string, query?: MessageQuery): Promise<StoredMessage[]> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    const normalised = normaliseQuery(query);
    await this.#lifecycle.ready();
    return this._listMessages(account, name, normalised);
  }

  async getMessage(account: string, mailbox: string, uid: number): Promise<StoredMessage | null> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    checkUid(uid);
    await this.#lifecycle.ready();
    return this._getMessage(account, name, uid);
  }

  async readMessage(account: string, mailbox: string, uid: number): Promise<MessageSource> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    checkUid(uid);
    await this.#lifecycle.ready();
    return this._readMessage(account, name, uid);
  }

  async setSummary(account: string, mailbox: string, uid: number, summary: MessageSummary): Promise<void> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    checkUid(uid);
    if (typeof summary !== 'object' || summary === null) throw invalid('A summary must be an object');
    await this.#lifecycle.ready();
    return this._setSummary(account, name, uid, summary instanceof JsonSummary && !this.keepsSummaryText ? summary.parsed : summary);
  }

  async updateFlags(account: string, mailbox: string, query: MessageQuery, update: FlagUpdate): Promise<FlagUpdateResult> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    const normalisedQuery = normaliseQuery(query);
    const normalisedUpdate = normaliseFlagUpdate(update);
    return this.#change(() => this._updateFlags(account, name, normalisedQuery, normalisedUpdate));
  }

  async copyMessages(account: string, from: string, query: MessageQuery, to: string): Promise<CopyResult> {
    return this.#transfer(account, from, query, to, false);
  }

  async moveMessages(account: string, from: string, query: MessageQuery, to: string): Promise<CopyResult> {
    return this.#transfer(account, from, query, to, true);
  }

  async expunge(account: string, mailbox: string, query?: MessageQuery): Promise<number[]> {
    checkAccount(account);
    const name = normaliseMailboxName(mailbox);
    const normalised = query === undefined ? undefined : normaliseQuery(query);
    return this.#change(() => this._expunge(account, name, normalised));
  }

  async setQuota(account: string, quota: Quota): Promise<void> {
    checkAccount(account);
    const normalised = normaliseQuota(quota);
    await this.#lifecycle.ready();
    return this._setQuota(account, normalised);
  }

  async quotaUsage(account: string): Promise<QuotaUsage> {
    checkAccount(account);
    await this.#lifecycle.ready();
    return this._quotaUsage(account);
  }

  protected abstract _open(): Promise<void>;
  protected abstract _close(): Promise<void>;
  protected abstract _ensureAccount(account: string, mailboxes: AccountMailbox[]): Promise<Outcome<void>>;
  protected abstract _deleteAccount(account: string): Promise<Outcome<void>>;
  protected abstract _createMailbox(account: string, name: string, specialUse: SpecialUse | null): Promise<Outcome<MailboxStatus>>;
  protected abstract _deleteMailbox(account: string, name: string): Promise<Outcome<void>>;
  protected abstract _renameMailbox(account: string, from: string, to: string): Promise<Outcome<void>>;
  protected abstract _setSubscribed(account: string, name: string, subscribed: boolean): Promise<void>;
  protected abstract _listMailboxes(account: string): Promise<MailboxStatus[]>;
  protected abstract _mailboxStatus(account: string, name: string): Promise<MailboxStatus | null>;
  /** Files one message into every target atomically; `append` comes here with one target. */
  protected abstract _deliver(delivery: NormalisedDelivery): Promise<Outcome<AppendResult[]>>;
  protected abstract _listMessages(account: string, mailbox: string, query: MessageQuery): Promise<StoredMessage[]>;
  protected abstract _getMessage(account: string, mailbox: string, uid: number): Promise<StoredMessage | null>;
  protected abstract _readMessage(account: string, mailbox: string, uid: number): Promise<MessageSource>;
  protected abstract _setSummary(account: string, mailbox: string, uid: number, summary: MessageSummary): Promise<void>;
  protected abstract _updateFlags(account: string, mailbox: string, query: MessageQuery, update: FlagUpdate): Promise<Outcome<FlagUpdateResult>>;
  /** Copies (or moves, when `move`) the messages of `query` from one mailbox to another. */
  protected abstract _transferMessages(account: string, from: string, query: MessageQuery, to: string, move: boolean): Promise<Outcome<CopyResult>>;
  protected abstract _expunge(account: string, mailbox: string, query: MessageQuery | undefined): Promise<Outcome<number[]>>;
  protected abstract _setQuota(account: string, quota: Quota): Promise<void>;
  protected abstract _quotaUsage(account: string): Promise<QuotaUsage>;
  protected abstract _recordGet(namespace: string, key: string): Promise<string | undefined>;
  /** Stores the JSON text of a record, durably. */
  protected abstract _recordPut(namespace: string, key: string, json: string): Promise<void>;
  protected abstract _recordDelete(namespace: string, key: string): Promise<void>;
  /** Every record of a namespace as JSON text, ordered by the UTF-8 bytes of the key. */
  protected abstract _recordList(namespace: string): Promise<Array<{ key: string; json: string }>>;

  async #transfer(account: string, from: string, query: MessageQuery, to: string, move: boolean): Promise<CopyResult> {
    checkAccount(account);
    const source = normaliseMailboxName(from);
    const destination = normaliseMailboxName(to);
    const normalised = normaliseQuery(query);
    return this.#change(() => this._transferMessages(account, source, normalised, destination, move));
  }

  /** Runs a changing adapter method on an open store and publishes its changes once it resolved. */
  async #change<T>(run: () => Promise<Outcome<T>>): Promise<T> {
    await this.#lifecycle.ready();
    const outcome = await run();
    this.#feed.publish(outcome.changes);
    return outcome.value;
  }
}

/** Turns an unexpected storage failure into `STORE_IO`; a {@link StoreError} passes through. */
export function toStoreError(error: unknown, what: string): StoreError {
  if (error instanceof StoreError) return error;
  return new StoreError(ErrorCodes.STORE_IO, `Storage failed while ${what}`, { cause: error, logReason: error instanceof Error ? error.message : String(error) });
}
