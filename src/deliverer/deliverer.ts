import { chunkSource } from '../core/message-source.js';
import { silentLogger } from '../core/logger.js';
import { TypedEmitter } from '../core/typed-emitter.js';
import { SmtpError } from '../errors/smtp-error.js';
import type { DeliveryAgent, DeliveryOutcome, FilingContext, FilingHook, RecipientOutcome } from '../interfaces/delivery.js';
import type { Directory } from '../interfaces/directory.js';
import type { Envelope, SessionInfo } from '../interfaces/envelope.js';
import type { MailEvents } from '../interfaces/events.js';
import type { Logger } from '../interfaces/logger.js';
import type { MessageSource } from '../interfaces/message.js';
import type { AppendTarget, Store } from '../interfaces/store.js';
import { readHeaderSection } from '../mime/header-section.js';
import { mergeTargets, planFiling } from './filing.js';
import { SummaryIndexer } from './indexer.js';
import { resolveRecipient } from './recipient-check.js';
import { returnPathHeader } from './trace-headers.js';

/** Options of a {@link Deliverer}. */
export interface DelivererOptions {
  store: Store;
  directory: Directory;
  /** Filing stages asked in order for each recipient's copy; the rules engine is one. */
  hooks?: FilingHook[];
  /** Record a parsed summary with each copy after delivery (default true). */
  summaries?: boolean;
  logger?: Logger;
}

/**
 * The deliverer (MDA): resolves each recipient through the directory, asks the filing hooks
 * where each copy goes (INBOX by default), and files every copy of the message in one atomic,
 * synced store write. It is the receiver's {@link DeliveryAgent}: `deliver` resolves only once
 * the message is durable for every accepted recipient, so the 250 that follows is a promise kept.
 *
 * @example
 * const deliverer = new Deliverer({ store, directory });
 * const receiver = new Receiver({ agent: deliverer, hostname: 'mx.example.com' });
 */
export class Deliverer extends TypedEmitter<Pick<MailEvents, 'delivered' | 'rejected'>> implements DeliveryAgent {
  readonly #store: Store;
  readonly #directory: Directory;
  readonly #hooks: readonly FilingHook[];
  readonly #logger: Logger;
  readonly #indexer: SummaryIndexer | null;

  constructor(options: DelivererOptions) {
    super();
    this.#store = options.store;
    this.#directory = options.directory;
    this.#hooks = options.hooks ?? [];
    this.#logger = options.logger ?? silentLogger;
    this.#indexer = options.summaries === false ? null : new SummaryIndexer(options.store, this.#logger);
  }

  /** RCPT stage: 550 5.1.1 for unknown local users, 550 5.7.1 for non-local domains. */
  async checkRecipient(address: string, session: SessionInfo): Promise<void> {
    await resolveRecipient(this.#directory, address, session);
  }

  /** Files the message for every recipient; resolves once it is durable (synced) for all of them. */
  async deliver(envelope: Envelope, source: MessageSource): Promise<DeliveryOutcome> {
    const stored = await this.#withReturnPath(envelope, source);
    const headers = this.#hooks.length > 0 ? readHeaderSection(await stored.buffer()).fields : [];
    const perRecipient: Array<{ recipient: string; targets: AppendTarget[] }> = [];
    let firstRejection: SmtpError | null = null;

    for (const recipient of envelope.rcptTo) {
      const resolution = await resolveRecipient(this.#directory, recipient, envelope.session);
      const targets: AppendTarget[] = [];
      for (const target of resolution.targets) {
        if (resolution.via === 'accept-all') await this.#store.ensureAccount(target.account);
        const context: FilingContext = { envelope, recipient, account: target.account, detail: target.detail, headers, source: stored };
        const plan = await planFiling(this.#hooks, context);
        if (plan.rejection) {
          firstRejection ??= plan.rejection;
          this.#reportRejection(envelope, recipient, plan.rejection);
        }
        targets.push(...(await this.#withExistingMailboxes(plan.targets)));
      }
      perRecipient.push({ recipient, targets });
    }

    const allTargets = mergeTargets(perRecipient.flatMap((entry) => entry.targets));
    // A rule refusing the only recipient can still answer at SMTP time (RFC 5429 §2.1).
    if (allTargets.length === 0 && firstRejection && envelope.rcptTo.length === 1) throw firstRejection;
    const filed = allTargets.length === 0 ? [] : await this.#store.deliver({ source: stored, targets: allTargets, internalDate: envelope.receivedAt });

    const recipients: RecipientOutcome[] = perRecipient.map(({ recipient, targets }) => ({
      recipient,
      filed: filed.filter((copy) => targets.some((target) => target.account === copy.account && sameMailbox(target.mailbox, copy.mailbox))),
    }));
    for (const { recipient, filed: copies } of recipients) {
      for (const copy of copies) this.emit('delivered', { envelopeId: envelope.id, mailFrom: envelope.mailFrom, recipient, account: copy.account, mailbox: copy.mailbox, uid: copy.uid });
    }
    this.#indexer?.enqueue(stored, filed);
    return { envelopeId: envelope.id, recipients };
  }

  /** Resolves once every summary queued so far is recorded (tests, graceful shutdown). */
  async idle(): Promise<void> {
    await this.#indexer?.idle();
  }

  async #withReturnPath(envelope: Envelope, source: MessageSource): Promise<MessageSource> {
    return chunkSource([returnPathHeader(envelope.mailFrom), await source.buffer()]);
  }

  /** Sieve semantics: filing into a mailbox that does not exist (and may not be created) keeps the copy in INBOX. */
  async #withExistingMailboxes(targets: AppendTarget[]): Promise<AppendTarget[]> {
    const checked: AppendTarget[] = [];
    for (const target of targets) {
      if (target.create || sameMailbox(target.mailbox, 'INBOX')) {
        checked.push(target);
        continue;
      }
      const exists = (await this.#store.mailboxStatus(target.account, target.mailbox)) !== null;
      checked.push(exists ? target : { ...target, mailbox: 'INBOX' });
    }
    return checked;
  }

  #reportRejection(envelope: Envelope, recipient: string, error: SmtpError): void {
    this.emit('rejected', {
      stage: 'data',
      remoteAddress: envelope.session.remoteAddress,
      responseCode: error.responseCode,
      enhancedCode: error.enhancedCode,
      message: error.message,
      address: recipient,
    });
  }
}

function sameMailbox(left: string, right: string): boolean {
  return left === right || (left.toUpperCase() === 'INBOX' && right.toUpperCase() === 'INBOX');
}
