import type { MessageSource } from './message.js';

/** Why a message is handed to the sender. */
export type OutboundReason = 'redirect' | 'vacation' | 'bounce' | 'submission';

/** One message for the sender to deliver to other servers. */
export interface OutboundMessage {
  /** Reverse-path; empty string for the null sender (vacation replies and bounces use `<>`). */
  mailFrom: string;
  rcptTo: string[];
  source: MessageSource | Buffer;
  reason: OutboundReason;
  /** The account on whose behalf it is sent, when there is one. */
  account?: string;
  /** DSN parameters of a submission (RFC 3461 §4.3 RET, §4.4 ENVID), passed on and used for our own DSNs. Added for issue 5. */
  dsn?: { ret?: 'FULL' | 'HDRS'; envid?: string };
}

/** What the queue knows of one message it holds. */
export interface QueuedMessage {
  id: string;
  mailFrom: string;
  rcptTo: string[];
  reason: OutboundReason;
  account: string | null;
  size: number;
  queuedAt: string;
}

/**
 * The sender's intake (issue "outbound" delivers what it holds). `enqueue` resolves only once the
 * message is durable, so a rule's redirect or vacation reply is never lost after the 250.
 */
export interface OutboundQueue {
  enqueue(message: OutboundMessage): Promise<QueuedMessage>;
  list(): Promise<QueuedMessage[]>;
  /** The raw bytes of a queued message. */
  read(id: string): Promise<MessageSource>;
}
