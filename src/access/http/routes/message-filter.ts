import type { HeaderAddress, MessageSummary } from '../../../interfaces/message.js';
import type { Store, StoredMessage } from '../../../interfaces/store.js';
import { parseMessage } from '../../../mime/parse.js';

/** What a message list or search may ask for; every field narrows (they combine with AND). */
export interface MessageFilter {
  from?: string;
  to?: string;
  subject?: string;
  since?: Date;
  before?: Date;
  flag?: string;
  notFlag?: string;
  text?: string;
}

function addressesMatch(addresses: HeaderAddress[], needle: string): boolean {
  return addresses.some((address) => address.address.toLowerCase().includes(needle) || address.name.toLowerCase().includes(needle));
}

function hasFlag(flags: string[], flag: string): boolean {
  const wanted = flag.toLowerCase();
  return flags.some((candidate) => candidate.toLowerCase() === wanted);
}

/**
 * Whether a message passes `filter`: substring matches, case-insensitive, over the summary
 * (`to` covers To and Cc); `text` is matched apart, by {@link textMatches}; dates compare the
 * Date header, or the arrival time when the header is absent.
 */
export function matchesFilter(message: StoredMessage, summary: MessageSummary, filter: MessageFilter): boolean {
  if (filter.from !== undefined && !addressesMatch(summary.from, filter.from.toLowerCase())) return false;
  if (filter.to !== undefined && !addressesMatch([...summary.to, ...summary.cc], filter.to.toLowerCase())) return false;
  if (filter.subject !== undefined && !summary.subject.toLowerCase().includes(filter.subject.toLowerCase())) return false;
  const date = summary.date === null ? message.internalDate : new Date(summary.date);
  if (filter.since !== undefined && date < filter.since) return false;
  if (filter.before !== undefined && date >= filter.before) return false;
  if (filter.flag !== undefined && !hasFlag(message.flags, filter.flag)) return false;
  if (filter.notFlag !== undefined && hasFlag(message.flags, filter.notFlag)) return false;
  return true;
}

/**
 * Whether `needle` occurs (case-insensitive) in the subject, an address or the snippet, or else
 * in the decoded text or HTML body, parsed only for messages the summary does not settle.
 */
export async function textMatches(store: Store, message: StoredMessage, summary: MessageSummary, needle: string): Promise<boolean> {
  const lower = needle.toLowerCase();
  if (`${summary.subject}\n${summary.snippet}`.toLowerCase().includes(lower)) return true;
  if (addressesMatch([...summary.from, ...summary.to, ...summary.cc], lower)) return true;
  const parsed = await parseMessage(await store.readMessage(message.account, message.mailbox, message.uid));
  return (parsed.text ?? '').toLowerCase().includes(lower) || (parsed.html ?? '').toLowerCase().includes(lower);
}

/** Whether a filter asks for anything at all (an empty one lets paging skip summaries). */
export function isEmptyFilter(filter: MessageFilter): boolean {
  return Object.values(filter).every((value) => value === undefined);
}
