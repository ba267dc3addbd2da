import type { UidRange } from '../../interfaces/store.js';
import { ImapError } from './imap-error.js';
import { mergeRanges } from './sequence-set.js';
import type { ImapToken } from './types.js';

/**
 * A UID set given without a selected view (QRESYNC known-uids, RFC 7162 §3.2.5): `*` is
 * `Infinity`; ranges come back ascending and merged.
 *
 * @throws {ImapError} `BAD` when the set is malformed.
 */
export function parseUidSet(token: ImapToken): UidRange[] {
  const text = token.type === 'number' ? String(token.value) : token.type === 'atom' && token.section === undefined ? token.value : '';
  if (!/^(?:\d+|\*)(?::(?:\d+|\*))?(?:,(?:\d+|\*)(?::(?:\d+|\*))?)*$/.test(text)) throw new ImapError('BAD', 'Invalid UID set');
  const ranges = text.split(',').map((item) => {
    const [first, second = first] = item.split(':') as [string, string?];
    const start = first === '*' ? Infinity : Number(first);
    const end = second === '*' ? Infinity : Number(second);
    if (start < 1 || end < 1 || start > 0xffffffff && start !== Infinity) throw new ImapError('BAD', 'Invalid UID set: UIDs are 1 to 4294967295');
    return start <= end ? { start, end } : { start: end, end: start };
  });
  return mergeRanges(ranges);
}
