import type { UidRange } from '../../interfaces/store.js';
import { ImapError } from './imap-error.js';
import type { ImapToken, SelectedMailboxView } from './types.js';

/** Largest number a sequence set may name (RFC 9051 §9 nz-number fits in 32 bits). */
const MAX_NUMBER = 0xffffffff;

/**
 * Resolves a sequence-set argument (RFC 9051 §6.4.5, §9 `sequence-set`) against the view into
 * ascending, merged UID ranges:
 * - with `uid` false, numbers are message sequence numbers; `*` is the last message; a number
 *   past the end is `BAD`;
 * - with `uid` true, numbers are UIDs; `*` is the largest UID of the view, and a range past it still
 *   includes it (RFC 9051 §6.4.8); UIDs that do not exist simply match nothing.
 * `$` (SEARCHRES, RFC 5182) is not supported and answered `BAD`.
 * An empty mailbox yields no ranges for `*`.
 *
 * @example
 * parseSequenceSet({ type: 'atom', value: '2:*' }, view, false) // [{ start: uids[1], end: uids.at(-1) }]
 * @throws {ImapError} `BAD` when the set is malformed or names a sequence number past the end.
 */
export function parseSequenceSet(token: ImapToken, view: SelectedMailboxView, uid: boolean): UidRange[] {
  const text = token.type === 'number' ? String(token.value) : token.type === 'atom' && token.section === undefined ? token.value : null;
  if (text === null || !/^(?:\d+|\*)(?::(?:\d+|\*))?(?:,(?:\d+|\*)(?::(?:\d+|\*))?)*$/.test(text)) {
    throw new ImapError('BAD', 'Invalid sequence set');
  }
  const uids = view.uids;
  const last = uid ? (uids.at(-1) ?? 0) : uids.length;
  const ranges: UidRange[] = [];
  for (const item of text.split(',')) {
    const [first, second = first] = item.split(':') as [string, string?];
    let start = resolve(first, last);
    let end = resolve(second, last);
    if (start > end) [start, end] = [end, start];
    if (uid) {
      if (end >= 1 && last !== 0) ranges.push({ start, end });
      continue;
    }
    if (end > uids.length || start < 1) {
      if (uids.length === 0 && first === '*' && second === '*') continue;
      throw new ImapError('BAD', 'Invalid message sequence number');
    }
    ranges.push({ start: uids[start - 1]!, end: uids[end - 1]! });
  }
  return mergeRanges(ranges);
}

function resolve(part: string, last: number): number {
  if (part === '*') return last;
  const value = Number(part);
  if (value < 1 || value > MAX_NUMBER) throw new ImapError('BAD', 'Invalid sequence set: numbers are 1 to 4294967295');
  return value;
}

/** Sorts ranges and merges the ones that overlap or touch. */
export function mergeRanges(ranges: UidRange[]): UidRange[] {
  const sorted = [...ranges].sort((left, right) => left.start - right.start);
  const merged: UidRange[] = [];
  for (const range of sorted) {
    const previous = merged.at(-1);
    if (previous !== undefined && range.start <= previous.end + 1) previous.end = Math.max(previous.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}

/** Whether `uid` lies in one of the ranges. */
export function rangesInclude(ranges: readonly UidRange[], uid: number): boolean {
  return ranges.some((range) => uid >= range.start && uid <= range.end);
}
