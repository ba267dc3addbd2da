import type { SmtpError } from '../errors/smtp-error.js';
import type { Envelope, SessionInfo } from './envelope.js';
import type { MessageSource } from './message.js';
import type { OutboundMessage } from './queue.js';
import type { AppendResult } from './store.js';

/** Where one accepted recipient's copy went. */
export interface RecipientOutcome {
  recipient: string;
  /** One entry per mailbox the copy was filed into (several with aliases or rules). */
  filed: AppendResult[];
}

/** The result of a delivery that succeeded for every accepted recipient. */
export interface DeliveryOutcome {
  envelopeId: string;
  recipients: RecipientOutcome[];
}

/**
 * What the receiver asks of whoever takes its mail (the deliverer, or a host's own agent).
 * Both methods reject with {@link SmtpError} to refuse with a precise reply; any other error
 * becomes 451 4.3.0.
 */
export interface DeliveryAgent {
  /** RCPT stage: may this session send to `address`? Rejects with 550 5.1.1, 550 5.7.1, … */
  checkRecipient(address: string, session: SessionInfo): Promise<void>;
  /**
   * MAIL stage, when the agent has an opinion on the reverse-path (submission's sender policy):
   * rejects with 553 5.7.1 for an address the session may not use. Optional: without it every
   * reverse-path the receiver parsed is accepted.
   */
  checkSender?(address: string, session: SessionInfo): Promise<void>;
  /**
   * End of DATA: files the message for every recipient. Resolves only once it is durable for
   * all of them; the receiver answers 250 after that and never before.
   */
  deliver(envelope: Envelope, source: MessageSource): Promise<DeliveryOutcome>;
}

/** What a filing hook decides for one recipient's copy. */
export type FilingAction =
  | {
      type: 'fileinto';
      mailbox: string;
      flags?: string[];
      create?: boolean;
      /** This copy's own bytes (editheader changes, RFC 5293); default: the message as received. */
      source?: MessageSource;
    }
  | { type: 'discard' }
  | { type: 'reject'; error: SmtpError }
  /** Hand a message to the sender's queue (redirect, vacation reply); durable before the 250. */
  | { type: 'outbound'; message: OutboundMessage };

/** What a filing hook sees of one recipient's copy. */
export interface FilingContext {
  envelope: Envelope;
  recipient: string;
  account: string;
  /** Sub-address detail, or null. */
  detail: string | null;
  /** The message header section, unfolded names lower-cased, values raw; read from the message the first time a hook looks. */
  headers: Array<{ name: string; value: string }>;
  source: MessageSource;
}

/**
 * A stage of the deliverer that decides where a copy goes (the rules engine plugs in here).
 * Returning undefined means "no opinion": the next hook, then INBOX.
 */
export interface FilingHook {
  readonly name: string;
  decide(context: FilingContext): Promise<FilingAction[] | undefined>;
  /**
   * Told where the copies it decided for landed, once they are durable (e.g. to keep the rules'
   * explanation by UID). Failures here are logged, never fail the delivery.
   */
  filed?(context: FilingContext, copies: AppendResult[]): Promise<void>;
}
