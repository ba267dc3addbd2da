import type { Envelope } from './envelope.js';

/** Emitted once a message is durable and has been answered 250. */
export interface ReceivedEvent {
  envelope: Envelope;
  size: number;
}

/** Emitted per mailbox copy filed. */
export interface DeliveredEvent {
  envelopeId: string;
  /** The envelope sender; empty for the null sender. */
  mailFrom: string;
  recipient: string;
  account: string;
  mailbox: string;
  uid: number;
}

/** Emitted whenever the receiver refuses something, with the exact reply it sent. */
export interface RejectedEvent {
  stage: 'connect' | 'helo' | 'auth' | 'mail' | 'rcpt' | 'data';
  remoteAddress: string;
  responseCode: number;
  enhancedCode: string;
  message: string;
  /** The address concerned (MAIL FROM or RCPT TO), when there is one. */
  address?: string;
}

/**
 * A recipient that could not be reached (added for the sender, issue 5): our queue gave up on it
 * (`origin: 'local'`, a bounce DSN went to the envelope sender unless it was `<>`), or an inbound
 * DSN reported it (`origin: 'remote'`).
 */
export interface BounceEvent {
  /** Our queued message concerned, when known. */
  queueId: string | null;
  /** The envelope sender of the message that bounced; empty for the null sender. */
  mailFrom: string;
  recipient: string;
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`. */
  status: string;
  /** The remote's reply, or our diagnostic. */
  diagnostic: string;
  remoteHost: string | null;
  origin: 'local' | 'remote';
}

/** The typed events of a mail server and its roles. */
export interface MailEvents {
  received: ReceivedEvent;
  delivered: DeliveredEvent;
  rejected: RejectedEvent;
  bounce: BounceEvent;
}

/** What the sender reports of one recipient after one attempt (issue 5). */
export interface OutboundRecipientEvent {
  queueId: string;
  mailFrom: string;
  recipient: string;
  remoteHost: string | null;
  responseCode: number | null;
  enhancedCode: string | null;
  reply: string;
}

/** The typed events of the sender: per recipient after each attempt, and `bounce` when one gives up. */
export interface SenderEvents {
  /** The remote accepted the recipient (recorded durably before the event). */
  delivered: OutboundRecipientEvent;
  /** A temporary failure; tried again at `nextAttemptAt`. */
  deferred: OutboundRecipientEvent & { nextAttemptAt: Date };
  /** A permanent failure, or a temporary one past the message's lifetime (`expired`). */
  failed: OutboundRecipientEvent & { expired: boolean };
  bounce: BounceEvent;
}
