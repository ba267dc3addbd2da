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

/** The typed events of a mail server and its roles. */
export interface MailEvents {
  received: ReceivedEvent;
  delivered: DeliveredEvent;
  rejected: RejectedEvent;
}
