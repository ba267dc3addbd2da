import type { Store, StoredMessage } from '../../src/interfaces/store.js';

/** One stored copy with its raw bytes. */
export interface StoredCopy {
  message: StoredMessage;
  raw: Buffer;
}

/** Every copy in one mailbox of an account (INBOX by default), oldest first, with its bytes. */
export async function storedCopies(store: Store, account: string, mailbox = 'INBOX'): Promise<StoredCopy[]> {
  const messages = await store.listMessages(account, mailbox);
  return Promise.all(messages.map(async (message) => ({ message, raw: await (await store.readMessage(account, mailbox, message.uid)).buffer() })));
}

// The receiver's Received header ends with "; <RFC 5322 date in UTC>" on its last folded line.
const RECEIVED_END = /; \w{3}, \d{1,2} \w{3} \d{4} \d\d:\d\d:\d\d \+0000\r\n/;

/**
 * The message as the client sent it: the stored bytes without the `Return-Path:` line the
 * deliverer prepends and the `Received:` header the receiver prepends. Throws when either is
 * missing, so a test comparing bytes also checks the trace headers are there.
 */
export function withoutTraceHeaders(raw: Buffer): Buffer {
  const text = raw.toString('latin1');
  const returnPath = /^Return-Path: <[^\r\n]*>\r\n/.exec(text);
  if (!returnPath) throw new Error(`no Return-Path line first: ${JSON.stringify(text.slice(0, 80))}`);
  const afterReturnPath = returnPath[0].length;
  if (!text.startsWith('Received: ', afterReturnPath)) throw new Error(`no Received header second: ${JSON.stringify(text.slice(0, 160))}`);
  // the header is a few hundred octets; looking further could match the message's own text
  const end = RECEIVED_END.exec(text.slice(afterReturnPath, afterReturnPath + 2048));
  if (!end) throw new Error('the Received header has no date');
  return raw.subarray(afterReturnPath + end.index + end[0].length);
}
