import { ImapError } from '../imap-error.js';
import type { CommandContext, ImapToken, SelectedMailboxView } from '../types.js';
import { MessageContent } from './message-content.js';
import { keyNeedsContent, keyUsesModseq, parseSearchCriteria } from './search-criteria.js';
import { matchesSearch } from './search-evaluate.js';
import { messagesInView, type SequencedMessage } from './selected-messages.js';

/** Charsets SEARCH accepts (RFC 9051 §6.4.4: UTF-8 at least; US-ASCII is a subset). */
const CHARSETS = new Set(['UTF-8', 'US-ASCII']);

/** A message that matched, with the content reader SORT and THREAD may reuse. */
export interface SearchHit extends SequencedMessage {
  content: MessageContent;
}

/** What a search found. */
export interface SearchOutcome {
  hits: SearchHit[];
  /** Whether a MODSEQ key was used: the response then names the highest MODSEQ found (RFC 7162 §3.1.5). */
  usesModseq: boolean;
}

/**
 * Checks a CHARSET argument.
 *
 * @throws {ImapError} `NO [BADCHARSET (UTF-8 US-ASCII)]` for any other charset.
 */
export function checkCharset(token: ImapToken | undefined): void {
  const name = token?.type === 'atom' ? token.value : token?.type === 'string' ? token.value.toString('utf8') : '';
  if (!CHARSETS.has(name.toUpperCase())) throw new ImapError('NO', 'Unsupported charset', 'BADCHARSET (UTF-8 US-ASCII)');
}

/**
 * Evaluates search criteria over the messages of the view, in sequence order. Messages are read
 * only when a key needs their text.
 *
 * @throws {ImapError} `BAD` for malformed criteria.
 */
export async function runSearch(context: CommandContext, view: SelectedMailboxView, criteria: readonly ImapToken[]): Promise<SearchOutcome> {
  const key = parseSearchCriteria(criteria, view);
  const usesModseq = keyUsesModseq(key);
  if (usesModseq) view.condstore = true;
  const needsContent = keyNeedsContent(key);
  const hits: SearchHit[] = [];
  for (const entry of await messagesInView(context, view, undefined)) {
    const content = new MessageContent(context.store, entry.message);
    if (await matchesSearch(key, { message: entry.message, content })) hits.push({ ...entry, content });
    // Yield now and then on long text searches so other sessions keep being served.
    if (needsContent && hits.length % 64 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { hits, usesModseq };
}
