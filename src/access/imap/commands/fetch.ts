import type { StoredMessage } from '../../../interfaces/store.js';
import { parseSequenceSet } from '../sequence-set.js';
import { ImapError } from '../imap-error.js';
import type { CommandContext, CommandHandler, ImapCommand, ImapToken, SelectedMailboxView } from '../types.js';
import { formatUidSet } from '../wire/response-format.js';
import { itemsNeedBytes, itemsNeedRendering, itemsSetSeen, parseFetchItems, type FetchItem } from '../message/fetch-items.js';
import { fetchResponse } from '../message/fetch-response.js';
import { MessageContent } from '../message/message-content.js';
import { messagesInView, selectedView, type SequencedMessage } from '../message/selected-messages.js';

/** FETCH modifiers (RFC 7162 §3.1.4.1 CHANGEDSINCE, §3.2.6 VANISHED). */
interface FetchModifiers {
  changedSince: number | undefined;
  vanished: boolean;
}

function parseModifiers(token: ImapToken | undefined, command: ImapCommand, context: CommandContext): FetchModifiers {
  const modifiers: FetchModifiers = { changedSince: undefined, vanished: false };
  if (token === undefined) return modifiers;
  if (token.type !== 'list') throw new ImapError('BAD', 'FETCH modifiers must be a parenthesised list');
  for (let index = 0; index < token.items.length; index++) {
    const item = token.items[index]!;
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (name === 'CHANGEDSINCE') {
      const value = token.items[++index];
      if (value?.type !== 'number' || value.value < 0) throw new ImapError('BAD', 'CHANGEDSINCE needs a mod-sequence');
      modifiers.changedSince = value.value;
    } else if (name === 'VANISHED') modifiers.vanished = true;
    else throw new ImapError('BAD', 'Unknown FETCH modifier');
  }
  if (modifiers.vanished && (!command.uid || !context.enabled.has('QRESYNC') || modifiers.changedSince === undefined)) {
    throw new ImapError('BAD', 'VANISHED needs UID FETCH, CHANGEDSINCE and QRESYNC enabled');
  }
  return modifiers;
}

/** Sets `\Seen` on the messages that lack it, before their responses are built (RFC 9051 §6.4.5). */
async function markSeen(context: CommandContext, view: SelectedMailboxView, messages: SequencedMessage[]): Promise<Set<number>> {
  const unseen = messages.filter(({ message }) => !message.flags.includes('\\Seen'));
  if (unseen.length === 0) return new Set();
  const uids = unseen.map(({ message }) => ({ start: message.uid, end: message.uid }));
  const result = await context.store.updateFlags(view.account, view.name, { uids }, { operation: 'add', flags: ['\\Seen'] });
  context.suppressFlagEcho(result.updated);
  const byUid = new Map(result.updated.map((entry) => [entry.uid, entry]));
  for (const { message } of unseen) {
    const update = byUid.get(message.uid);
    if (update !== undefined) Object.assign(message, { flags: update.flags, modseq: update.modseq });
  }
  return new Set(byUid.keys());
}

/** UIDs of the requested set that the mailbox no longer holds: QRESYNC's VANISHED (EARLIER) (RFC 7162 §3.2.6). */
function vanishedUids(view: SelectedMailboxView, requested: ReturnType<typeof parseSequenceSet>): number[] {
  const highest = view.uids.at(-1) ?? 0;
  const gone: number[] = [];
  for (const range of requested) {
    for (let uid = range.start; uid <= Math.min(range.end, highest) && gone.length < 100_000; uid++) {
      if (view.sequenceNumber(uid) === null) gone.push(uid);
    }
  }
  return gone;
}

/**
 * A message's content for these items, its bytes already on their way when the items will need
 * them: a section, RFC822, or an IMAP rendering the message's summary lacks.
 */
function readsAhead(context: CommandContext, items: readonly FetchItem[]): (message: StoredMessage) => MessageContent {
  const needsBytes = itemsNeedBytes(items);
  const needsRendering = itemsNeedRendering(items);
  return (message) => {
    const content = new MessageContent(context.store, message);
    // a failed read is reported when the message is answered; read ahead, it must not be unhandled
    if (needsBytes || (needsRendering && message.summary?.imap === undefined)) content.raw().catch(() => undefined);
    return content;
  };
}

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9): every data item, BODY[section]<partial> and
 * BINARY (RFC 3516), CHANGEDSINCE and VANISHED (RFC 7162). Literals are the stored bytes as they
 * are; the client is given time to take each message before the next is read.
 */
export const fetchCommand: CommandHandler = {
  name: 'FETCH',
  states: ['selected'],
  capabilities: ['BINARY'],
  async handle(context, command) {
    const view = selectedView(context);
    if (command.args.length < 2 || command.args.length > 3) throw new ImapError('BAD', 'FETCH needs a sequence set and items');
    const ranges = parseSequenceSet(command.args[0]!, view, command.uid);
    const items = parseFetchItems(command.args[1]!);
    const modifiers = parseModifiers(command.args[2], command, context);
    // CHANGEDSINCE is a CONDSTORE-enabling command (RFC 7162 §3.1).
    if (modifiers.changedSince !== undefined) view.condstore = true;
    const messages = await messagesInView(context, view, ranges, modifiers.changedSince);
    const seenNow = itemsSetSeen(items) && !view.readOnly ? await markSeen(context, view, messages) : new Set<number>();
    if (modifiers.vanished) {
      const gone = vanishedUids(view, ranges);
      if (gone.length > 0) context.untagged(`VANISHED (EARLIER) ${formatUidSet(gone)}`);
    }
    const wantsFlags = items.some((item) => item.kind === 'simple' && item.name === 'FLAGS');
    const contentOf = readsAhead(context, items);
    let next = messages.length > 0 ? contentOf(messages[0]!.message) : null;
    for (let index = 0; index < messages.length; index++) {
      const { sequence, message } = messages[index]!;
      const content = next!;
      // the next message is read from the store while this one is answered and sent
      next = index + 1 < messages.length ? contentOf(messages[index + 1]!.message) : null;
      const includeFlags = seenNow.has(message.uid);
      const includeModseq = modifiers.changedSince !== undefined || (view.condstore && (wantsFlags || includeFlags));
      context.untagged(...(await fetchResponse(sequence, items, message, content, { includeUid: command.uid, includeFlags, includeModseq })));
      await context.drain();
    }
    return { status: 'OK', text: `${command.uid ? 'UID FETCH' : 'FETCH'} completed` };
  },
};
