import type { StoredMessage } from '../../../interfaces/store.js';
import { entityField } from '../../../mime/imap-mime-tree.js';
import { rangesInclude } from '../sequence-set.js';
import type { MessageContent } from './message-content.js';
import type { SearchKey } from './search-criteria.js';
import { bodyText, foldForSearch, headerText, headerTexts } from './search-text.js';

/** One message as search sees it: the stored record and, when a key needs them, its bytes. */
export interface SearchCandidate {
  message: StoredMessage;
  content: MessageContent;
}

const DAY = 24 * 60 * 60 * 1000;

/** The day of a date, in the date's own zone when written in a header (RFC 9051 §6.4.4 ignores time and zone). */
function dayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY) * DAY;
}

function compareDay(date: Date | null, comparison: 'before' | 'on' | 'since', day: Date): boolean {
  if (date === null) return false;
  const value = dayOf(date);
  return comparison === 'before' ? value < day.getTime() : comparison === 'on' ? value === day.getTime() : value >= day.getTime();
}

async function sentDate(candidate: SearchCandidate): Promise<Date | null> {
  if (candidate.message.summary !== null) return candidate.message.summary.date;
  const raw = await candidate.content.raw();
  const value = entityField(raw, await candidate.content.tree(), 'date');
  const date = value === null ? null : new Date(value);
  return date === null || Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Whether a message matches a search key (RFC 9051 §6.4.4). Header and body keys are
 * case-insensitive substring matches on decoded text; the bytes are read only when a key needs them.
 *
 * @example
 * await matchesSearch({ type: 'flag', flag: '\\Seen', present: false }, candidate); // true when unread
 */
export async function matchesSearch(key: SearchKey, candidate: SearchCandidate): Promise<boolean> {
  const { message } = candidate;
  switch (key.type) {
    case 'all': return true;
    case 'none': return false;
    case 'flag': return message.flags.some((flag) => flag.toLowerCase() === key.flag.toLowerCase()) === key.present;
    case 'size': return key.larger ? message.size > key.size : message.size < key.size;
    case 'uids': return rangesInclude(key.ranges, message.uid);
    case 'modseq': return message.modseq >= key.modseq;
    case 'date': return compareDay(key.sent ? await sentDate(candidate) : message.internalDate, key.comparison, key.day);
    case 'not': return !(await matchesSearch(key.key, candidate));
    case 'or': return (await matchesSearch(key.left, candidate)) || matchesSearch(key.right, candidate);
    case 'and':
      for (const inner of key.keys) if (!(await matchesSearch(inner, candidate))) return false;
      return true;
    case 'header': {
      const values = headerTexts(await candidate.content.raw(), await candidate.content.tree(), key.field);
      const needle = foldForSearch(key.value);
      // HEADER with an empty string matches every message that has the field (RFC 9051 §6.4.4).
      return values.some((value) => value.includes(needle));
    }
    case 'body': return bodyText(await candidate.content.raw(), await candidate.content.tree()).includes(foldForSearch(key.value));
    case 'text': {
      const raw = await candidate.content.raw();
      const tree = await candidate.content.tree();
      const needle = foldForSearch(key.value);
      return headerText(raw, tree).includes(needle) || bodyText(raw, tree).includes(needle);
    }
  }
}
