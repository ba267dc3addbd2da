import { bufferSource } from '../../../core/message-source.js';
import type { ImapMessageSummary } from '../../../interfaces/message.js';
import type { Store, StoredMessage } from '../../../interfaces/store.js';
import { imapSummaryOf } from '../../../mime/imap-summary.js';
import { parseMimeTree, type MimeEntity } from '../../../mime/imap-mime-tree.js';
import { summarize } from '../../../mime/summary.js';

/**
 * The bytes and MIME tree of one message, read at most once per command and only when an item
 * needs them (FETCH BODY[…], SEARCH TEXT…); the tree is built on first use.
 */
export class MessageContent {
  readonly #store: Store;
  readonly #message: StoredMessage;
  #raw: Promise<Buffer> | null = null;
  #tree: MimeEntity | null = null;

  constructor(store: Store, message: StoredMessage) {
    this.#store = store;
    this.#message = message;
  }

  /** The stored bytes, exactly. */
  raw(): Promise<Buffer> {
    this.#raw ??= this.#store.readMessage(this.#message.account, this.#message.mailbox, this.#message.uid).then((source) => source.buffer());
    return this.#raw;
  }

  /** The MIME structure with octet offsets into {@link raw}. */
  async tree(): Promise<MimeEntity> {
    const raw = await this.raw();
    this.#tree ??= parseMimeTree(raw);
    return this.#tree;
  }

  /**
   * ENVELOPE, BODYSTRUCTURE and BODY as stored with the summary. A message without them (as the
   * deliverer leaves every message, or with no summary yet) gets them now, recorded for next time.
   */
  async imapSummary(): Promise<ImapMessageSummary> {
    const stored = this.#message.summary;
    if (stored?.imap !== undefined) return stored.imap;
    const raw = await this.raw();
    const summary = stored === null ? await summarize(bufferSource(raw)) : stored;
    const imap = summary.imap ?? imapSummaryOf(raw);
    const complete = { ...summary, imap };
    this.#message.summary = complete;
    // Best effort, and not waited for: FETCH answers from this copy, and a FETCH 1:* of freshly
    // delivered mail records its renderings in a few shared batches instead of one store round
    // trip per message. A message expunged meanwhile keeps no summary.
    this.#store.setSummary(this.#message.account, this.#message.mailbox, this.#message.uid, complete).catch(() => undefined);
    return imap;
  }
}
