import type { MailboxRecord, MessageRecord, Mutation } from '../indexed/records.js';
import type { BackendOperation } from './backend.js';
import { JsonSummary } from '../summary-json.js';
import { blobKey, mailboxKey, messageKey, quotaKey, UID_VALIDITY_KEY } from './keys.js';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value), 'utf8');

/**
 * A message record as JSON, written field by field (it is written twice per delivery, at filing
 * and with its summary), the summary's text copied in as the index keeps it (see {@link JsonSummary})
 * rather than joined into one more string first.
 */
function messageJson(message: MessageRecord): Buffer {
  const { uid, modseq, flags, internalDate, size, blobId, summary } = message;
  const head = `{"uid":${uid},"modseq":${modseq},"flags":${flags.length === 0 ? '[]' : JSON.stringify(flags)},"internalDate":${internalDate},"size":${size},"blobId":${JSON.stringify(blobId)},"summary":`;
  if (summary === null) return Buffer.from(`${head}null}`, 'utf8');
  const headBytes = Buffer.byteLength(head, 'utf8');
  const record = Buffer.allocUnsafe(headBytes + Buffer.byteLength(summary.json, 'utf8') + 1);
  record.write(head, 0, 'utf8');
  const written = record.write(summary.json, headBytes, 'utf8');
  record[headBytes + written] = 0x7d; // }
  return record;
}

/** Turns index mutations into key-value writes; called synchronously, while the records still hold what changed. */
export function encodeMutations(mutations: readonly Mutation[]): BackendOperation[] {
  return mutations.map((mutation): BackendOperation => {
    switch (mutation.kind) {
      case 'mailbox-put': return { type: 'put', key: mailboxKey(mutation.mailbox.uidValidity), value: json(mutation.mailbox) };
      case 'mailbox-delete': return { type: 'del', key: mailboxKey(mutation.uidValidity) };
      case 'message-put': return { type: 'put', key: messageKey(mutation.uidValidity, mutation.message.uid), value: messageJson(mutation.message) };
      case 'message-delete': return { type: 'del', key: messageKey(mutation.uidValidity, mutation.uid) };
      case 'blob-put': return { type: 'put', key: blobKey(mutation.blobId), value: mutation.bytes };
      case 'blob-delete': return { type: 'del', key: blobKey(mutation.blobId) };
      case 'quota-put': return { type: 'put', key: quotaKey(mutation.account), value: json(mutation.quota) };
      case 'quota-delete': return { type: 'del', key: quotaKey(mutation.account) };
      case 'uid-validity': return { type: 'put', key: UID_VALIDITY_KEY, value: Buffer.from(String(mutation.last), 'utf8') };
    }
  });
}

/** Reads a mailbox record back. */
export function decodeMailbox(value: Buffer): MailboxRecord {
  return JSON.parse(value.toString('utf8')) as MailboxRecord;
}

/**
 * Reads a message record back. Its summary is kept as text, as the index keeps it: written
 * again as read (the record is parsed whole, so the text is the summary's own JSON, wherever in the
 * record older versions put it).
 */
export function decodeMessage(value: Buffer): MessageRecord {
  const message = JSON.parse(value.toString('utf8')) as Omit<MessageRecord, 'summary'> & { summary: object | null };
  return { ...message, summary: message.summary === null ? null : new JsonSummary(JSON.stringify(message.summary)) };
}
