import { silentLogger } from '../../core/logger.js';
import { SmtpError } from '../../errors/smtp-error.js';
import type { DeliveryAgent, DeliveryOutcome, RecipientOutcome } from '../../interfaces/delivery.js';
import type { Directory } from '../../interfaces/directory.js';
import type { Envelope, SessionInfo } from '../../interfaces/envelope.js';
import type { Logger } from '../../interfaces/logger.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { OutboundQueue } from '../../interfaces/queue.js';
import type { Store } from '../../interfaces/store.js';
import { parseAddressValues } from '../../mime/addresses.js';
import { readHeaderSection } from '../../mime/header-section.js';
import { classifyRecipient } from '../recipient-check.js';
import { ownsAddress, senderNotOwned, type SenderPolicy } from './sender-policy.js';
import { saveToSent } from './sent-copy.js';

/** Options of a {@link SubmissionAgent}. */
export interface SubmissionAgentOptions {
  /** Takes the local recipients' copies, as on port 25 (rules, aliases, filing). */
  local: DeliveryAgent;
  directory: Directory;
  store: Store;
  /** Takes the non-local recipients (reason `submission`); without it relaying is refused 550 5.7.1. */
  outbound: OutboundQueue | null;
  /** Default `own`. */
  senderPolicy?: SenderPolicy;
  /** File a copy into the sender's Sent mailbox (created with `\Sent` when missing), as Gmail does. Default false: the client saves its own. */
  saveSent?: boolean;
  logger?: Logger;
}

/**
 * The delivery agent of the submission listeners (RFC 6409): an authenticated user may send as
 * their own addresses only (envelope and header From, `senderPolicy`), to local recipients
 * (delivered as on port 25) and to any other domain (handed to the sender's queue, DKIM-signed
 * there when the queue signs). The 250 follows only once every part is durable: the queued copy,
 * the local copies and the Sent copy.
 *
 * @example
 * const agent = new SubmissionAgent({ local: deliverer, directory, store, outbound: sender, saveSent: true });
 * const receiver = new Receiver({ agent, hostname, submission: true, authenticate, tls });
 */
export class SubmissionAgent implements DeliveryAgent {
  readonly #options: SubmissionAgentOptions;
  readonly #policy: SenderPolicy;
  readonly #logger: Logger;

  constructor(options: SubmissionAgentOptions) {
    this.#options = options;
    this.#policy = options.senderPolicy ?? 'own';
    this.#logger = options.logger ?? silentLogger;
  }

  /** MAIL stage: 553 5.7.1 for a reverse-path the user does not own (under `own`). */
  async checkSender(address: string, session: SessionInfo): Promise<void> {
    const account = requireAccount(session);
    if (this.#policy === 'any') return;
    if (!(await ownsAddress(this.#options.directory, account, address))) throw senderNotOwned(address, account, 'envelope');
  }

  /** RCPT stage: local recipients as on port 25; others accepted for an authenticated session when a queue takes them. */
  async checkRecipient(address: string, session: SessionInfo): Promise<void> {
    const kind = await classifyRecipient(this.#options.directory, address, session);
    if (kind === 'remote' && this.#options.outbound === null) {
      throw new SmtpError(550, '5.7.1', 'Relaying is not available here', { logReason: 'no outbound queue configured' });
    }
  }

  /** End of DATA: checks the header From, queues the remote part, delivers the local part, saves the Sent copy. */
  async deliver(envelope: Envelope, source: MessageSource): Promise<DeliveryOutcome> {
    const account = requireAccount(envelope.session);
    const raw = await source.buffer();
    await this.#checkHeaderFrom(account, raw);
    const local: string[] = [];
    const remote: string[] = [];
    for (const recipient of envelope.rcptTo) {
      (await classifyRecipient(this.#options.directory, recipient, envelope.session)) === 'local' ? local.push(recipient) : remote.push(recipient);
    }
    if (remote.length > 0) {
      if (this.#options.outbound === null) throw new SmtpError(550, '5.7.1', 'Relaying is not available here');
      const queued = await this.#options.outbound.enqueue({ mailFrom: envelope.mailFrom, rcptTo: remote, source: raw, reason: 'submission', account });
      this.#logger.info({ envelope: envelope.id, queued: queued.id, recipients: remote.length }, 'submission queued');
    }
    const recipients: RecipientOutcome[] = remote.map((recipient) => ({ recipient, filed: [] }));
    if (local.length > 0) {
      const outcome = await this.#options.local.deliver({ ...envelope, rcptTo: local }, source);
      recipients.push(...outcome.recipients);
    }
    if (this.#options.saveSent) await saveToSent(this.#options.store, account, raw, envelope.receivedAt);
    return { envelopeId: envelope.id, recipients: envelope.rcptTo.map((recipient) => recipients.find((entry) => entry.recipient === recipient) ?? { recipient, filed: [] }) };
  }

  async #checkHeaderFrom(account: string, raw: Buffer): Promise<void> {
    if (this.#policy === 'any') return;
    const { fields } = readHeaderSection(raw);
    const from = parseAddressValues(fields.filter((field) => field.name === 'from').map((field) => field.value));
    // a message without From is the client's to fix (RFC 6409 §8.1 lets an MSA add one); a From it wrote must be the user's
    for (const { address } of from) {
      if (!(await ownsAddress(this.#options.directory, account, address))) throw senderNotOwned(address, account, 'header');
    }
  }
}

function requireAccount(session: SessionInfo): string {
  if (session.authenticatedUser === null) throw new SmtpError(530, '5.7.0', 'Authentication required');
  return session.authenticatedUser;
}
