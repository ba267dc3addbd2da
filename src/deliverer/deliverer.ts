import { prependSource } from '../core/message-source.js';
import { silentLogger } from '../core/logger.js';
import { TypedEmitter } from '../core/typed-emitter.js';
import { SmtpError } from '../errors/smtp-error.js';
import type { DeliveryAgent, DeliveryOutcome, FilingContext, FilingHook, RecipientOutcome } from '../interfaces/delivery.js';
import type { Directory } from '../interfaces/directory.js';
import type { Envelope, SessionInfo } from '../interfaces/envelope.js';
import type { MailEvents } from '../interfaces/events.js';
import type { Logger } from '../interfaces/logger.js';
import type { MessageSource } from '../interfaces/message.js';
import type { OutboundMessage, OutboundQueue } from '../interfaces/queue.js';
import type { AppendResult, Store } from '../interfaces/store.js';
import { CopyContext, LazyHeaders } from './copy-context.js';
import { announcesDeliveryReport, mayAnnounceDeliveryReport, remoteBounces } from './inbound-dsn.js';
import { groupBySource, planFiling, type FilingPlan, type PlannedTarget } from './filing.js';
import { summaryIndexerFor, type SummaryIndexer, type SummaryMode, type SummaryOptions } from './indexer.js';
import { resolveRecipient, type ReturnPathResolver } from './recipient-check.js';
import { ResolutionMemo } from './resolution-memo.js';
import { returnPathHeader } from './trace-headers.js';

/** Options of a {@link Deliverer}. */
export interface DelivererOptions {
  store: Store;
  directory: Directory;
  /** Filing stages asked in order for each recipient's copy; the rules engine is one. */
  hooks?: FilingHook[];
  /**
   * Record a parsed summary with each copy after delivery: on a worker thread (`true` or
   * `'worker'`, the default), on the main thread (`'inline'`), or not at all (`false`). The object
   * form also says whether IMAP's ENVELOPE and BODYSTRUCTURE are rendered at delivery (by default
   * they are rendered at the first FETCH that needs them).
   */
  summaries?: boolean | SummaryMode | SummaryOptions;
  /**
   * Where outbound messages go: aliases that forward to other domains, and hooks' redirects and
   * vacation replies. Without a queue such a message is refused (550 5.7.1), never dropped after a 250.
   */
  outbound?: OutboundQueue;
  /**
   * Addresses taken without a directory entry and forwarded to the address it names: the SRS
   * addresses of forwarded mail, whose bounces go back to the original sender through `outbound`.
   */
  returnPaths?: ReturnPathResolver;
  logger?: Logger;
}

/** How one message reaches {@link Deliverer.deliver}. */
export interface DeliverOptions {
  /**
   * The message is a notice our own sender wrote (a DSN to a local sender): its failures were
   * already reported as `origin: 'local'` bounces, so it raises no `origin: 'remote'` one.
   */
  ownNotice?: boolean;
}

/** One recipient's copy for one account, and what the hooks decided for it. */
interface CopyPlan {
  recipient: string;
  context: FilingContext;
  plan: FilingPlan;
}

/**
 * The deliverer (MDA): resolves each recipient through the directory, asks the filing hooks
 * where each copy goes (INBOX by default), and files every copy of the message in one atomic,
 * synced store write. It is the receiver's {@link DeliveryAgent}: `deliver` resolves only once
 * the message is durable for every accepted recipient, so the 250 that follows is a promise kept.
 * A delivered DSN (RFC 3464) is filed like any message and raises `bounce` (`origin: 'remote'`)
 * for each recipient it reports as failed.
 *
 * @example
 * const deliverer = new Deliverer({ store, directory });
 * const receiver = new Receiver({ agent: deliverer, hostname: 'mx.example.com' });
 */
export class Deliverer extends TypedEmitter<Pick<MailEvents, 'delivered' | 'rejected' | 'bounce'>> implements DeliveryAgent {
  readonly #store: Store;
  readonly #directory: Directory;
  readonly #hooks: readonly FilingHook[];
  readonly #logger: Logger;
  readonly #indexer: SummaryIndexer | null;
  readonly #outbound: OutboundQueue | null;
  readonly #returnPaths: ReturnPathResolver | undefined;
  readonly #resolved = new ResolutionMemo();

  constructor(options: DelivererOptions) {
    super();
    this.#store = options.store;
    this.#directory = options.directory;
    this.#hooks = options.hooks ?? [];
    this.#logger = options.logger ?? silentLogger;
    this.#outbound = options.outbound ?? null;
    this.#returnPaths = options.returnPaths;
    this.#indexer = summaryIndexerFor(options.summaries, options.store, this.#logger);
  }

  /** RCPT stage: 550 5.1.1 for unknown local users and return paths that do not verify, 550 5.7.1 for non-local domains. */
  async checkRecipient(address: string, session: SessionInfo): Promise<void> {
    this.#resolved.remember(session.id, address, await resolveRecipient(this.#directory, address, session, this.#returnPaths));
  }

  /**
   * Files the message for every recipient; resolves once it is durable (synced) for all of them,
   * and once every outbound message the hooks asked for is durable in the queue. Copies that
   * carry bytes of their own (editheader) are separate store writes, all awaited before this
   * resolves, so the 250 still means every copy is durable. `bounce` events of a delivered DSN
   * follow once it is durable.
   */
  async deliver(envelope: Envelope, source: MessageSource, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
    // The one copy of the message: the store needs one Buffer for its blob, and the headers are read from it.
    const stored = prependSource(returnPathHeader(envelope.mailFrom), source);
    const bytes = await stored.buffer();
    // read when a hook looks at them: with no script to run, most mail never needs its header fields
    const headers = new LazyHeaders(bytes);
    const copies: CopyPlan[] = [];
    const rejections: Array<{ recipient: string; error: SmtpError }> = [];
    const forwards: OutboundMessage[] = [];

    for (const recipient of envelope.rcptTo) {
      const resolution =
        this.#resolved.take(envelope.session.id, recipient) ?? (await resolveRecipient(this.#directory, recipient, envelope.session, this.#returnPaths));
      if (resolution.forward !== undefined && resolution.forward.length > 0) {
        forwards.push({ mailFrom: envelope.mailFrom, rcptTo: resolution.forward, source: stored, reason: 'redirect' });
      }
      for (const target of resolution.targets) {
        if (resolution.via === 'accept-all') await this.#ensureAccount(target.account);
        const context = new CopyContext({ envelope, recipient, account: target.account, detail: target.detail, source: stored }, headers);
        const plan = await planFiling(this.#hooks, context);
        if (plan.rejection) rejections.push({ recipient, error: plan.rejection });
        plan.targets = await this.#withExistingMailboxes(plan.targets);
        copies.push({ recipient, context, plan });
      }
    }

    // loops rather than flatMap: these run per message, and flatMap over tiny arrays costs more than the rest of the step
    const allTargets: PlannedTarget[] = [];
    const outbound = [...forwards];
    for (const { plan } of copies) {
      for (const target of plan.targets) allTargets.push(target);
      for (const message of plan.outbound) outbound.push(message);
    }
    // A rule refusing the only recipient can still answer at SMTP time (RFC 5429 §2.1); the receiver reports that refusal.
    if (allTargets.length === 0 && forwards.length === 0 && rejections[0] && envelope.rcptTo.length === 1) throw rejections[0].error;
    if (outbound.length > 0 && this.#outbound === null) throw new SmtpError(550, '5.7.1', 'Forwarding is not available here', { logReason: 'no outbound queue configured' });
    for (const { recipient, error } of rejections) this.#reportRejection(envelope, recipient, error);
    const filed: AppendResult[] = [];
    for (const group of groupBySource(allTargets, stored)) {
      const written = await this.#store.deliver({ source: group.source, targets: group.targets, internalDate: envelope.receivedAt });
      filed.push(...written);
      this.#indexer?.enqueue(group.source, written);
    }
    for (const message of outbound) await this.#outbound!.enqueue(message);

    const recipients: RecipientOutcome[] = envelope.rcptTo.map((recipient) => {
      const landed: AppendResult[] = [];
      for (const copy of copies) if (copy.recipient === recipient) for (const result of landedCopies(filed, copy.plan.targets)) landed.push(result);
      return { recipient, filed: landed };
    });
    for (const { recipient, filed: landed } of recipients) {
      for (const copy of landed) this.emit('delivered', { envelopeId: envelope.id, mailFrom: envelope.mailFrom, recipient, account: copy.account, mailbox: copy.mailbox, uid: copy.uid });
    }
    if (options.ownNotice !== true && mayAnnounceDeliveryReport(bytes) && announcesDeliveryReport(headers.fields)) {
      const reached = recipients.filter((outcome) => outcome.filed.length > 0).map((outcome) => outcome.recipient);
      for (const event of remoteBounces(bytes, reached)) this.emit('bounce', event);
    }
    await this.#tellHooks(copies, filed);
    return { envelopeId: envelope.id, recipients };
  }

  /** Resolves once every summary queued so far is recorded (tests, graceful shutdown). */
  async idle(): Promise<void> {
    await this.#indexer?.idle();
  }

  /** Creates an accept-all account on its first message; a read, not a queued store change, once it exists. */
  async #ensureAccount(account: string): Promise<void> {
    if ((await this.#store.mailboxStatus(account, 'INBOX')) === null) await this.#store.ensureAccount(account);
  }

  async #tellHooks(copies: readonly CopyPlan[], filed: readonly AppendResult[]): Promise<void> {
    for (const { context, plan } of copies) {
      if (plan.decidedBy?.filed === undefined) continue;
      try {
        await plan.decidedBy.filed(context, landedCopies(filed, plan.targets));
      } catch (error) {
        this.#logger.warn({ hook: plan.decidedBy.name, err: error }, 'filing hook failed after delivery');
      }
    }
  }

  /** Sieve semantics: filing into a mailbox that does not exist (and may not be created) keeps the copy in INBOX. */
  async #withExistingMailboxes(targets: PlannedTarget[]): Promise<PlannedTarget[]> {
    const checked: PlannedTarget[] = [];
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

/** The filed copies that answer some of `targets`. */
function landedCopies(filed: readonly AppendResult[], targets: readonly PlannedTarget[]): AppendResult[] {
  return filed.filter((copy) => targets.some((target) => target.account === copy.account && sameMailbox(target.mailbox, copy.mailbox)));
}

function sameMailbox(left: string, right: string): boolean {
  return left === right || (left.toUpperCase() === 'INBOX' && right.toUpperCase() === 'INBOX');
}
