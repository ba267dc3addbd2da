import type { UidRange } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import { parseUidSet } from '../uid-set.js';
import type { CommandContext, CommandHandler, ImapCommand, ImapToken, TaggedResult } from '../types.js';
import { formatFlags } from '../wire/response-format.js';
import { existingMailbox, expectArguments, formatMailboxName, mailboxArgument } from './arguments.js';

const SYSTEM_FLAGS = '\\Answered \\Flagged \\Deleted \\Seen \\Draft';

/** QRESYNC's parameters (RFC 7162 §3.2.5): what the client remembers of the mailbox. */
interface QresyncParameters {
  uidValidity: number;
  modseq: number;
  knownUids: UidRange[] | null;
}

/** SELECT (RFC 9051 §6.3.2), with `(CONDSTORE)` and `(QRESYNC (…))` (RFC 7162 §3.1.8, §3.2.5). */
export const selectCommand: CommandHandler = {
  name: 'SELECT',
  states: ['authenticated', 'selected'],
  handle: (context, command) => open(context, command, false),
};

/** EXAMINE (RFC 9051 §6.3.3): SELECT, read-only. */
export const examineCommand: CommandHandler = {
  name: 'EXAMINE',
  states: ['authenticated', 'selected'],
  handle: (context, command) => open(context, command, true),
};

async function open(context: CommandContext, command: ImapCommand, readOnly: boolean): Promise<TaggedResult> {
  const [nameToken, parameters] = expectArguments(command, 1, 2);
  const name = mailboxArgument(context, nameToken);
  const { condstore, qresync } = selectParameters(context, parameters);
  // A failed SELECT leaves no mailbox selected (RFC 9051 §6.3.2).
  context.session.unselect();
  const status = await existingMailbox(context, name);
  if (condstore) context.session.enable('CONDSTORE');
  const view = await context.session.select(status, readOnly);
  const rev2 = context.enabled.has('IMAP4REV2');
  context.untagged(`${view.uids.length} EXISTS`);
  if (!rev2) {
    context.untagged('0 RECENT');
    const firstUnseen = view.firstUnseenUid === null ? null : view.sequenceNumber(view.firstUnseenUid);
    if (firstUnseen !== null) context.untagged(`OK [UNSEEN ${firstUnseen}] First unseen`);
  }
  context.untagged(`FLAGS (${SYSTEM_FLAGS})`);
  context.untagged(readOnly ? 'OK [PERMANENTFLAGS ()] Read-only mailbox' : `OK [PERMANENTFLAGS (${SYSTEM_FLAGS} \\*)] Flags permitted`);
  context.untagged(`OK [UIDVALIDITY ${status.uidValidity}] UIDs valid`);
  context.untagged(`OK [UIDNEXT ${status.uidNext}] Predicted next UID`);
  context.untagged(`OK [HIGHESTMODSEQ ${status.highestModseq}] Highest`);
  if (rev2) context.untagged(`LIST () "/" ${formatMailboxName(context, status.name)}`);
  if (qresync !== null && qresync.uidValidity === status.uidValidity) await resynchronise(context, qresync, view.uids, status.uidNext);
  return { status: 'OK', code: readOnly ? 'READ-ONLY' : 'READ-WRITE', text: `${command.name} completed` };
}

function selectParameters(context: CommandContext, token: ImapToken | undefined): { condstore: boolean; qresync: QresyncParameters | null } {
  if (token === undefined) return { condstore: false, qresync: null };
  if (token.type !== 'list') throw new ImapError('BAD', 'SELECT parameters must be a list');
  let condstore = false;
  let qresync: QresyncParameters | null = null;
  for (let index = 0; index < token.items.length; index++) {
    const item = token.items[index]!;
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (name === 'CONDSTORE') condstore = true;
    else if (name === 'QRESYNC') {
      if (!context.enabled.has('QRESYNC')) throw new ImapError('BAD', 'QRESYNC must be enabled first');
      qresync = qresyncParameters(token.items[++index]);
    } else throw new ImapError('BAD', 'Unknown SELECT parameter');
  }
  return { condstore, qresync };
}

function qresyncParameters(token: ImapToken | undefined): QresyncParameters {
  if (token?.type !== 'list' || token.items.length < 2 || token.items.length > 4) throw new ImapError('BAD', 'QRESYNC takes (uidvalidity modseq [known-uids [seq-match]])');
  const [validity, modseq, known] = token.items;
  if (validity?.type !== 'number' || modseq?.type !== 'number' || validity.value < 1) throw new ImapError('BAD', 'QRESYNC uidvalidity and modseq must be numbers');
  return { uidValidity: validity.value, modseq: modseq.value, knownUids: known === undefined ? null : parseUidSet(known) };
}

/** RFC 7162 §3.2.5.2: VANISHED (EARLIER) for what the client knew and is gone, FETCH for what changed. */
async function resynchronise(context: CommandContext, parameters: QresyncParameters, uids: readonly number[], uidNext: number): Promise<void> {
  const view = context.selected!;
  const known = parameters.knownUids ?? [{ start: 1, end: uidNext - 1 }];
  const vanished = missingRanges(known, uids, uidNext - 1);
  if (vanished.length > 0) context.untagged(`VANISHED (EARLIER) ${vanished.map((range) => (range.start === range.end ? `${range.start}` : `${range.start}:${range.end}`)).join(',')}`);
  const changed = await context.store.listMessages(view.account, view.name, { changedSince: parameters.modseq });
  for (const message of changed) {
    const sequence = view.sequenceNumber(message.uid);
    if (sequence !== null) context.untagged(`${sequence} FETCH (UID ${message.uid} FLAGS ${formatFlags(message.flags)} MODSEQ (${message.modseq}))`);
  }
}

/** The parts of `known` (capped at `highest`) that hold none of `existing` (ascending). */
function missingRanges(known: UidRange[], existing: readonly number[], highest: number): UidRange[] {
  const missing: UidRange[] = [];
  let index = 0;
  for (const range of known) {
    let start = range.start;
    const end = Math.min(range.end, highest);
    while (index < existing.length && existing[index]! < start) index++;
    while (start <= end) {
      const next = index < existing.length ? existing[index]! : Infinity;
      if (next > end) {
        missing.push({ start, end });
        break;
      }
      if (next > start) missing.push({ start, end: next - 1 });
      start = next + 1;
      index++;
    }
  }
  return missing;
}


