import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { MailboxStatus, SpecialUse } from '../../interfaces/store.js';
import type { AccountMailbox } from '../adapter-types.js';
import { ancestorNames, isInbox, isSameOrDescendant, normaliseMailboxName } from '../validation/mailbox-name.js';
import type { MailboxState } from './mailbox-state.js';
import { OperationLog, type IndexOperation } from './operation.js';
import type { StoreIndex } from './store-index.js';

/** Creates INBOX and the given special-use mailboxes where missing (all subscribed). */
export function ensureAccount(index: StoreIndex, account: string, mailboxes: AccountMailbox[], now: Date): IndexOperation<void> {
  const log = new OperationLog();
  for (const { name, specialUse } of [{ name: 'INBOX', specialUse: '\\Inbox' as const }, ...mailboxes]) {
    if (index.mailbox(account, name) === undefined) createWithAncestors(index, log, { account, name, specialUse, subscribed: true, now });
  }
  return log.finish(undefined);
}

/** Creates a mailbox and any missing ancestor (RFC 9051 §6.3.4). */
export function createMailbox(index: StoreIndex, account: string, name: string, specialUse: SpecialUse | null, now: Date): IndexOperation<MailboxStatus> {
  if (index.mailbox(account, name) !== undefined) throw new StoreError(ErrorCodes.MAILBOX_EXISTS, `Mailbox ${JSON.stringify(name)} already exists`);
  const log = new OperationLog();
  const state = createWithAncestors(index, log, { account, name, specialUse, subscribed: false, now });
  return log.finish(state.status());
}

/** Deletes one mailbox with its messages; its children stay (RFC 9051 §6.3.5). */
export function deleteMailbox(index: StoreIndex, account: string, name: string): IndexOperation<void> {
  if (isInbox(name)) throw new StoreError(ErrorCodes.MAILBOX_PROTECTED, 'INBOX cannot be deleted');
  const state = index.requireMailbox(account, name);
  const log = new OperationLog();
  removeWithMessages(index, log, state);
  return log.finish(undefined);
}

/** Removes every mailbox, message and the quota of an account. */
export function deleteAccount(index: StoreIndex, account: string): IndexOperation<void> {
  const log = new OperationLog();
  for (const state of index.mailboxes(account)) removeWithMessages(index, log, state);
  if (Object.keys(index.quota(account)).length > 0) log.mutations.push(index.setQuota(account, {}));
  return log.finish(undefined);
}

/**
 * Renames a mailbox with its children (RFC 9051 §6.3.6). Renaming INBOX moves its messages to
 * the new name and leaves a new, empty INBOX; INBOX's children stay where they are.
 */
export function renameMailbox(index: StoreIndex, account: string, from: string, to: string, now: Date): IndexOperation<void> {
  const source = index.requireMailbox(account, from);
  if (index.mailbox(account, to) !== undefined) throw new StoreError(ErrorCodes.MAILBOX_EXISTS, `Mailbox ${JSON.stringify(to)} already exists`);
  if (isSameOrDescendant(to, from)) throw new StoreError(ErrorCodes.MAILBOX_NAME_INVALID, `Mailbox ${JSON.stringify(from)} cannot move below itself`);
  const moving = isInbox(from) ? [source] : index.mailboxes(account).filter((state) => isSameOrDescendant(state.record.name, from));
  const renames = moving.map((state) => ({ state, newName: normaliseMailboxName(to + state.record.name.slice(from.length)) }));
  for (const { newName } of renames) {
    if (index.mailbox(account, newName) !== undefined) throw new StoreError(ErrorCodes.MAILBOX_EXISTS, `Mailbox ${JSON.stringify(newName)} already exists`);
  }
  const log = new OperationLog();
  for (const { state, newName } of renames) {
    log.changes.push({ type: 'mailbox-renamed', account, mailbox: state.record.name, newName });
    index.renameMailbox(state, newName);
    if (isInbox(from)) state.record.specialUse = null;
    log.mutations.push({ kind: 'mailbox-put', mailbox: state.record });
  }
  if (isInbox(from)) createWithAncestors(index, log, { account, name: 'INBOX', specialUse: '\\Inbox', subscribed: true, now });
  for (const ancestor of ancestorNames(to)) {
    if (index.mailbox(account, ancestor) === undefined) createWithAncestors(index, log, { account, name: ancestor, specialUse: null, subscribed: false, now });
  }
  return log.finish(undefined);
}

/** Marks a mailbox subscribed or not (RFC 9051 §6.3.7, §6.3.8). */
export function setSubscribed(index: StoreIndex, account: string, name: string, subscribed: boolean): IndexOperation<void> {
  const state = index.requireMailbox(account, name);
  const log = new OperationLog();
  state.record.subscribed = subscribed;
  log.mutations.push({ kind: 'mailbox-put', mailbox: state.record });
  return log.finish(undefined);
}

interface NewMailbox {
  account: string;
  name: string;
  specialUse: SpecialUse | null;
  subscribed: boolean;
  now: Date;
}

/** Creates a mailbox that does not exist yet, and its missing ancestors first. */
export function createWithAncestors(index: StoreIndex, log: OperationLog, mailbox: NewMailbox): MailboxState {
  for (const ancestor of ancestorNames(mailbox.name)) {
    if (index.mailbox(mailbox.account, ancestor) === undefined) createOne(index, log, { ...mailbox, name: ancestor, specialUse: null, subscribed: false });
  }
  return createOne(index, log, mailbox);
}

function createOne(index: StoreIndex, log: OperationLog, { account, name, specialUse, subscribed, now }: NewMailbox): MailboxState {
  const uidValidity = index.allocateUidValidity(now);
  const state = index.addMailbox({ account, name, specialUse, subscribed, uidValidity, uidNext: 1, highestModseq: 1 });
  log.mutations.push({ kind: 'uid-validity', last: uidValidity }, { kind: 'mailbox-put', mailbox: state.record });
  log.changes.push({ type: 'mailbox-created', account, mailbox: name });
  return state;
}

function removeWithMessages(index: StoreIndex, log: OperationLog, state: MailboxState): void {
  const { uidValidity, account, name } = state.record;
  for (const message of state.messages) {
    log.mutations.push({ kind: 'message-delete', uidValidity, uid: message.uid });
    if (index.release(message.blobId)) log.mutations.push({ kind: 'blob-delete', blobId: message.blobId });
  }
  index.removeMailbox(state);
  log.mutations.push({ kind: 'mailbox-delete', uidValidity });
  log.changes.push({ type: 'mailbox-deleted', account, mailbox: name });
}
