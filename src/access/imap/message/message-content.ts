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
   * ENVELOPE, BODYSTRUCTURE and BODY as rendered at delivery. A message without them (IMAP APPEND,
   * the indexer not done yet, a summary from before) gets them now, recorded for next time.
   */
  async imapSummary(): Promise<ImapMessageSummary> {
    const stored = this.#message.summary;
    if (stored?.imap !== undefined) return stored.imap;
    const raw = await this.raw();
    const summary = stored === null ? await summarize(await this.#store.readMessage(this.#message.account, this.#message.mailbox, this.#message.uid)) : stored;
    const imap = summary.imap ?? imapSummaryOf(raw);
    const complete = { ...summary, imap };
    this.#message.summary = complete;
    // Best effort: a message expunged meanwhile keeps no summary, and FETCH still answers.
    await this.#store.setSummary(this.#message.account, this.#message.mailbox, this.#message.uid, complete).catch(() => undefined);
    return imap;
  }
}
