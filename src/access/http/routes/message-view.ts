import type { MessageSummary } from '../../../interfaces/message.js';
import type { Store, StoredMessage } from '../../../interfaces/store.js';
import { summarize } from '../../../mime/summary.js';

/** One message as lists show it: the stored state and its summary, without the IMAP wire forms. */
export interface MessageView {
  account: string;
  mailbox: string;
  uid: number;
  modseq: number;
  flags: string[];
  internalDate: string;
  size: number;
  subject: string;
  from: MessageSummary['from'];
  to: MessageSummary['to'];
  cc: MessageSummary['cc'];
  date: string | null;
  messageId: string | null;
  snippet: string;
  hasAttachments: boolean;
}

/** The summary of a stored copy: the one recorded at delivery, or one made now for a raw append. */
export async function summaryOf(store: Store, message: StoredMessage): Promise<MessageSummary> {
  return message.summary ?? summarize(await store.readMessage(message.account, message.mailbox, message.uid));
}

/** The JSON form of a stored message and its summary. */
export function messageView(message: StoredMessage, summary: MessageSummary): MessageView {
  return {
    account: message.account,
    mailbox: message.mailbox,
    uid: message.uid,
    modseq: message.modseq,
    flags: message.flags,
    internalDate: message.internalDate.toISOString(),
    size: message.size,
    subject: summary.subject,
    from: summary.from,
    to: summary.to,
    cc: summary.cc,
    date: summary.date === null ? null : new Date(summary.date).toISOString(),
    messageId: summary.messageId,
    snippet: summary.snippet,
    hasAttachments: summary.hasAttachments,
  };
}
