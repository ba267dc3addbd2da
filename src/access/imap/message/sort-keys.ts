import type { HeaderAddress, MessageSummary } from '../../../interfaces/message.js';
import { ImapError } from '../imap-error.js';
import type { ImapToken } from '../types.js';
import { baseSubject } from './base-subject.js';
import type { SearchHit } from './search-run.js';

/** One SORT criterion (RFC 5256 §3, DISPLAY from RFC 5957). */
export interface SortCriterion {
  key: 'ARRIVAL' | 'CC' | 'DATE' | 'FROM' | 'SIZE' | 'SUBJECT' | 'TO' | 'DISPLAY';
  reverse: boolean;
}

const KEYS = new Set(['ARRIVAL', 'CC', 'DATE', 'FROM', 'SIZE', 'SUBJECT', 'TO', 'DISPLAY']);

/**
 * Parses the parenthesised sort criteria of SORT.
 *
 * @example
 * parseSortCriteria(list('REVERSE DATE SUBJECT')); // [{ key: 'DATE', reverse: true }, { key: 'SUBJECT', reverse: false }]
 * @throws {ImapError} `BAD` for an unknown key or a dangling REVERSE.
 */
export function parseSortCriteria(token: ImapToken | undefined): SortCriterion[] {
  if (token?.type !== 'list' || token.items.length === 0) throw new ImapError('BAD', 'SORT needs a list of sort keys');
  const criteria: SortCriterion[] = [];
  let reverse = false;
  for (const item of token.items) {
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (name === 'REVERSE' && !reverse) reverse = true;
    else if (KEYS.has(name)) {
      criteria.push({ key: name as SortCriterion['key'], reverse });
      reverse = false;
    } else throw new ImapError('BAD', 'Unknown sort key');
  }
  if (reverse) throw new ImapError('BAD', 'REVERSE must precede a sort key');
  return criteria;
}

/** RFC 5256 `addr-mailbox` of the first address, upper-cased for i;ascii-casemap. */
function mailboxOf(addresses: readonly HeaderAddress[]): string {
  const address = addresses[0]?.address ?? '';
  return address.slice(0, address.includes('@') ? address.lastIndexOf('@') : undefined).toUpperCase();
}

/** RFC 5957 §2: the display name, or the address when there is none. */
function displayOf(addresses: readonly HeaderAddress[]): string {
  const first = addresses[0];
  return (first === undefined ? '' : first.name || first.address).toUpperCase();
}

/** The value a message sorts by under one key; strings compare by code point after case mapping. */
export function sortValue(key: SortCriterion['key'], hit: SearchHit, summary: MessageSummary): string | number {
  switch (key) {
    case 'ARRIVAL': return hit.message.internalDate.getTime();
    case 'DATE': return (summary.date ?? hit.message.internalDate).getTime();
    case 'SIZE': return hit.message.size;
    case 'SUBJECT': return baseSubject(summary.subject).toUpperCase();
    case 'FROM': return mailboxOf(summary.from);
    case 'TO': return mailboxOf(summary.to);
    case 'CC': return mailboxOf(summary.cc);
    case 'DISPLAY': return displayOf(summary.from);
  }
}

/**
 * Orders search hits by the criteria, ties broken by sequence number (RFC 5256 §3).
 *
 * @example
 * sortHits(hits, summaries, [{ key: 'SIZE', reverse: true }]);
 */
export function sortHits(hits: readonly SearchHit[], summaries: ReadonlyMap<number, MessageSummary>, criteria: readonly SortCriterion[]): SearchHit[] {
  const values = new Map(hits.map((hit) => [hit.message.uid, criteria.map((criterion) => sortValue(criterion.key, hit, summaries.get(hit.message.uid)!))]));
  return [...hits].sort((left, right) => {
    const leftValues = values.get(left.message.uid)!;
    const rightValues = values.get(right.message.uid)!;
    for (const [index, criterion] of criteria.entries()) {
      const a = leftValues[index]!;
      const b = rightValues[index]!;
      if (a !== b) return (a < b ? -1 : 1) * (criterion.reverse ? -1 : 1);
    }
    return left.sequence - right.sequence;
  });
}
