import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { MessageSummary } from '../../interfaces/message.js';
import type { AppendResult, CopyResult, FlagUpdate, FlagUpdateResult, MessageQuery } from '../../interfaces/store.js';
import type { NormalisedDelivery } from '../adapter-types.js';
import { applyFlagOperation, hasFlag, sameFlags } from '../validation/flags.js';
import { createWithAncestors } from './mailbox-operations.js';
import type { MailboxState } from './mailbox-state.js';
import { OperationLog, type IndexOperation } from './operation.js';
import { checkQuota } from './quota-check.js';
import type { MessageRecord } from './records.js';
import { storedSummary } from './summary-encoding.js';
import type { StoreIndex } from './store-index.js';

/**
 * Files one message into every target: the blob is written only when no message references it
 * yet, each target gets the next UID and MODSEQ of its mailbox. Nothing changes when a target
 * mailbox is missing (and not to be created) or an account would go over quota.
 */
export function deliver(index: StoreIndex, delivery: NormalisedDelivery, now: Date): IndexOperation<AppendResult[]> {
  const size = delivery.bytes.length;
  const missing = delivery.targets.filter((target) => index.mailbox(target.account, target.mailbox) === undefined);
  const notCreatable = missing.find((target) => !target.create);
  if (notCreatable !== undefined) index.requireMailbox(notCreatable.account, notCreatable.mailbox);
  const added = new Map<string, { messages: number; bytes: number }>();
  for (const { account } of delivery.targets) {
    const sum = added.get(account) ?? { messages: 0, bytes: 0 };
    added.set(account, { messages: sum.messages + 1, bytes: sum.bytes + size });
  }
  for (const [account, sum] of added) checkQuota(index, account, sum);

  const log = new OperationLog();
  for (const target of missing) {
    if (index.mailbox(target.account, target.mailbox) === undefined) {
      createWithAncestors(index, log, { account: target.account, name: target.mailbox, specialUse: null, subscribed: false, now });
    }
  }
  if (index.reference(delivery.blobId)) log.mutations.push({ kind: 'blob-put', blobId: delivery.blobId, bytes: delivery.bytes });
  for (let extra = 1; extra < delivery.targets.length; extra++) index.reference(delivery.blobId);
  const summary = delivery.summary === null ? null : storedSummary(delivery.summary);
  const results = delivery.targets.map((target) => {
    const state = index.requireMailbox(target.account, target.mailbox);
    const message = { flags: target.flags, internalDate: delivery.internalDate.getTime(), size, blobId: delivery.blobId, summary };
    return addMessage(log, state, message);
  });
  return log.finish(results);
}

/** Applies a flag update (RFC 9051 §6.4.6), honouring UNCHANGEDSINCE (RFC 7162 §3.1.3). */
export function updateFlags(index: StoreIndex, account: string, mailbox: string, query: MessageQuery, update: FlagUpdate): IndexOperation<FlagUpdateResult> {
  const state = index.requireMailbox(account, mailbox);
  const log = new OperationLog();
  const result: FlagUpdateResult = { updated: [], modified: [] };
  for (const message of state.select(query)) {
    if (update.unchangedSince !== undefined && message.modseq > update.unchangedSince) {
      result.modified.push(message.uid);
      continue;
    }
    const flags = applyFlagOperation(message.flags, update.operation, update.flags);
    if (!sameFlags(flags, message.flags)) {
      state.setFlags(message, flags);
      message.modseq = state.nextModseq();
      log.mutations.push({ kind: 'message-put', uidValidity: state.record.uidValidity, message });
      log.changes.push({ type: 'flags', account, mailbox, uid: message.uid, modseq: message.modseq, flags: [...flags] });
    }
    result.updated.push({ uid: message.uid, flags: [...message.flags], modseq: message.modseq });
  }
  if (log.mutations.length > 0) log.mutations.push({ kind: 'mailbox-put', mailbox: state.record });
  return log.finish(result);
}

/** Copies (RFC 9051 §6.4.7) or moves (RFC 6851) messages; the blobs are shared, never rewritten. */
export function transferMessages(index: StoreIndex, account: string, from: string, query: MessageQuery, to: string, move: boolean): IndexOperation<CopyResult> {
  const source = index.requireMailbox(account, from);
  const destination = index.requireMailbox(account, to);
  const selected = source.select(query);
  if (!move) checkQuota(index, account, { messages: selected.length, bytes: selected.reduce((total, message) => total + message.size, 0) });
  const log = new OperationLog();
  const mapping = selected.map((message) => {
    index.reference(message.blobId);
    const copy = { flags: [...message.flags], internalDate: message.internalDate, size: message.size, blobId: message.blobId, summary: message.summary };
    return { sourceUid: message.uid, destinationUid: addMessage(log, destination, copy).uid };
  });
  if (move) removeMessages(index, log, source, selected);
  return log.finish({ uidValidity: destination.record.uidValidity, mapping });
}

/** Removes the messages flagged `\Deleted`, within `query` when given (RFC 9051 §6.4.3, UID EXPUNGE §6.4.9). */
export function expunge(index: StoreIndex, account: string, mailbox: string, query: MessageQuery | undefined): IndexOperation<number[]> {
  const state = index.requireMailbox(account, mailbox);
  const doomed = state.select(query).filter((message) => hasFlag(message.flags, '\\Deleted'));
  const log = new OperationLog();
  removeMessages(index, log, state, doomed);
  return log.finish(doomed.map((message) => message.uid));
}

/** Records a message's parsed summary; its MODSEQ stays. */
export function setSummary(index: StoreIndex, account: string, mailbox: string, uid: number, summary: MessageSummary): IndexOperation<void> {
  const state = index.requireMailbox(account, mailbox);
  const message = requireMessage(state, uid);
  message.summary = storedSummary(summary);
  const log = new OperationLog();
  log.mutations.push({ kind: 'message-put', uidValidity: state.record.uidValidity, message });
  return log.finish(undefined);
}

/** @throws {StoreError} `MESSAGE_NOT_FOUND` */
export function requireMessage(state: MailboxState, uid: number): MessageRecord {
  const message = state.find(uid);
  if (message === undefined) throw new StoreError(ErrorCodes.MESSAGE_NOT_FOUND, `No message with UID ${uid} in ${JSON.stringify(state.record.name)}`);
  return message;
}

function addMessage(log: OperationLog, state: MailboxState, content: Omit<MessageRecord, 'uid' | 'modseq'>): AppendResult {
  const { uid, modseq } = state.allocate();
  const message: MessageRecord = { uid, modseq, ...content };
  state.push(message);
  const { account, name, uidValidity } = state.record;
  log.mutations.push({ kind: 'message-put', uidValidity, message }, { kind: 'mailbox-put', mailbox: state.record });
  log.changes.push({ type: 'appended', account, mailbox: name, uid, modseq });
  return { account, mailbox: name, uid, uidValidity, modseq, blobId: message.blobId };
}

function removeMessages(index: StoreIndex, log: OperationLog, state: MailboxState, messages: readonly MessageRecord[]): void {
  if (messages.length === 0) return;
  const { account, name, uidValidity } = state.record;
  for (const message of messages) {
    const modseq = state.nextModseq();
    log.mutations.push({ kind: 'message-delete', uidValidity, uid: message.uid });
    if (index.release(message.blobId)) log.mutations.push({ kind: 'blob-delete', blobId: message.blobId });
    log.changes.push({ type: 'expunged', account, mailbox: name, uid: message.uid, modseq });
  }
  state.remove(new Set(messages.map((message) => message.uid)));
  log.mutations.push({ kind: 'mailbox-put', mailbox: state.record });
}
