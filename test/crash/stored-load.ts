import type { Store } from '../../src/interfaces/store.js';
import { recipientFor } from '../../bench/lib/smtp-load.js';
import { buildLoadMessage, tokenOf } from '../../bench/lib/test-mail.js';

/** Recipients of the crash load are spread over this many accounts. */
export const MAILBOXES = 4;

/** One load message found in the store. */
export interface StoredLoadMessage {
  token: string;
  account: string;
  uid: number;
  /** The stored bytes without the trace headers delivery prepended. */
  content: Buffer;
}

const traceHeader = /^(?:Return-Path|Received):/i;

/**
 * Removes the `Return-Path:` and `Received:` fields (with their folded continuation lines)
 * that delivery prepends (RFC 5321 §4.4), and nothing else.
 */
export function stripTraceHeaders(stored: Buffer): Buffer {
  let offset = 0;
  let inTraceField = false;
  while (offset < stored.length) {
    const lineEnd = stored.indexOf('\r\n', offset);
    if (lineEnd === -1) break;
    const line = stored.toString('latin1', offset, Math.min(lineEnd, offset + 20));
    const continues = inTraceField && (line.startsWith(' ') || line.startsWith('\t'));
    if (!continues && !traceHeader.test(line)) break;
    inTraceField = true;
    offset = lineEnd + 2;
  }
  return stored.subarray(offset);
}

/** What the load client sent for `token` (`<runId>.<sequence>`), rebuilt byte for byte. */
export function sentContent(token: string): Buffer {
  const separator = token.lastIndexOf('.');
  const runId = token.slice(0, separator);
  const sequence = Number(token.slice(separator + 1));
  return buildLoadMessage(runId, sequence, recipientFor(sequence, MAILBOXES)).content;
}

/** Every load message in the INBOX of each load account, in ascending UID order per account. */
export async function readLoadMessages(store: Store): Promise<StoredLoadMessage[]> {
  const found: StoredLoadMessage[] = [];
  for (let mailbox = 0; mailbox < MAILBOXES; mailbox += 1) {
    const account = recipientFor(mailbox, MAILBOXES);
    if ((await store.mailboxStatus(account, 'INBOX')) === null) continue;
    for (const message of await store.listMessages(account, 'INBOX')) {
      const stored = await (await store.readMessage(account, 'INBOX', message.uid)).buffer();
      const token = tokenOf(stored);
      if (token === null) throw new Error(`${account} UID ${message.uid} is not a load message`);
      found.push({ token, account, uid: message.uid, content: stripTraceHeaders(stored) });
    }
  }
  return found;
}
