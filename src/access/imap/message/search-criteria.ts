import type { UidRange } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import { parseSequenceSet } from '../sequence-set.js';
import type { ImapToken, SelectedMailboxView } from '../types.js';
import { parseSearchDate } from './internal-date.js';

/** One search key (RFC 9051 §6.4.4, RFC 3501's NEW/OLD/RECENT, RFC 7162 MODSEQ), keys combined by AND. */
export type SearchKey =
  | { type: 'all' }
  | { type: 'none' }
  | { type: 'flag'; flag: string; present: boolean }
  | { type: 'header'; field: string; value: string }
  | { type: 'body'; value: string }
  | { type: 'text'; value: string }
  | { type: 'date'; sent: boolean; comparison: 'before' | 'on' | 'since'; day: Date }
  | { type: 'size'; larger: boolean; size: number }
  | { type: 'uids'; ranges: UidRange[] }
  | { type: 'modseq'; modseq: number }
  | { type: 'not'; key: SearchKey }
  | { type: 'or'; left: SearchKey; right: SearchKey }
  | { type: 'and'; keys: SearchKey[] };

const FLAG_KEYS: Record<string, [string, boolean]> = {
  ANSWERED: ['\\Answered', true], DELETED: ['\\Deleted', true], DRAFT: ['\\Draft', true], FLAGGED: ['\\Flagged', true], SEEN: ['\\Seen', true],
  UNANSWERED: ['\\Answered', false], UNDELETED: ['\\Deleted', false], UNDRAFT: ['\\Draft', false], UNFLAGGED: ['\\Flagged', false], UNSEEN: ['\\Seen', false],
};
const HEADER_KEYS = new Set(['BCC', 'CC', 'FROM', 'SUBJECT', 'TO']);
const DATE_KEYS: Record<string, [boolean, 'before' | 'on' | 'since']> = {
  BEFORE: [false, 'before'], ON: [false, 'on'], SINCE: [false, 'since'], SENTBEFORE: [true, 'before'], SENTON: [true, 'on'], SENTSINCE: [true, 'since'],
};
const MAX_DEPTH = 50;
const MAX_KEYS = 1000;

/** Reads search keys from tokens; sequence sets are resolved against the view as they are met. */
class CriteriaReader {
  #index = 0;
  #count = 0;
  constructor(private readonly tokens: readonly ImapToken[], private readonly view: SelectedMailboxView) {}

  get done(): boolean {
    return this.#index >= this.tokens.length;
  }

  #next(): ImapToken {
    const token = this.tokens[this.#index++];
    if (token === undefined) throw new ImapError('BAD', 'Search key is missing an argument');
    return token;
  }

  #string(): string {
    const token = this.#next();
    if (token.type === 'string') return token.value.toString('utf8');
    if (token.type === 'atom' && token.section === undefined) return token.value;
    if (token.type === 'number') return String(token.value);
    throw new ImapError('BAD', 'Search key needs a string');
  }

  #number(): number {
    const token = this.#next();
    if (token.type !== 'number') throw new ImapError('BAD', 'Search key needs a number');
    return token.value;
  }

  key(depth: number): SearchKey {
    if (depth > MAX_DEPTH || ++this.#count > MAX_KEYS) throw new ImapError('BAD', 'Search criteria are too complex');
    const token = this.#next();
    if (token.type === 'list') {
      const inner = new CriteriaReader(token.items, this.view);
      inner.#count = this.#count;
      const keys = inner.all(depth + 1);
      this.#count = inner.#count;
      return { type: 'and', keys };
    }
    if (token.type === 'number' || (token.type === 'atom' && /^[\d*$]/.test(token.value))) {
      return { type: 'uids', ranges: parseSequenceSet(token, this.view, false) };
    }
    if (token.type !== 'atom' || token.section !== undefined) throw new ImapError('BAD', 'Invalid search key');
    const name = token.value.toUpperCase();
    const flag = FLAG_KEYS[name];
    if (flag !== undefined) return { type: 'flag', flag: flag[0], present: flag[1] };
    if (HEADER_KEYS.has(name)) return { type: 'header', field: name.toLowerCase(), value: this.#string() };
    const date = DATE_KEYS[name];
    if (date !== undefined) {
      const day = parseSearchDate(this.#string());
      if (day === null) throw new ImapError('BAD', 'Invalid date (expected e.g. 1-Feb-2024)');
      return { type: 'date', sent: date[0], comparison: date[1], day };
    }
    switch (name) {
      case 'ALL': case 'OLD': return { type: 'all' };
      // No session sees \Recent here (IMAP4rev2 dropped it), so NEW and RECENT match nothing.
      case 'NEW': case 'RECENT': return { type: 'none' };
      case 'KEYWORD': return { type: 'flag', flag: this.#string(), present: true };
      case 'UNKEYWORD': return { type: 'flag', flag: this.#string(), present: false };
      case 'HEADER': return { type: 'header', field: this.#string().toLowerCase(), value: this.#string() };
      case 'BODY': return { type: 'body', value: this.#string() };
      case 'TEXT': return { type: 'text', value: this.#string() };
      case 'LARGER': return { type: 'size', larger: true, size: this.#number() };
      case 'SMALLER': return { type: 'size', larger: false, size: this.#number() };
      case 'UID': return { type: 'uids', ranges: parseSequenceSet(this.#next(), this.view, true) };
      case 'NOT': return { type: 'not', key: this.key(depth + 1) };
      case 'OR': return { type: 'or', left: this.key(depth + 1), right: this.key(depth + 1) };
      case 'MODSEQ': {
        // Optional entry name and type (RFC 7162 §3.1.5) are accepted and, having one entry per flag in no store, ignored.
        if (this.tokens[this.#index]?.type === 'string') this.#index += 2;
        return { type: 'modseq', modseq: this.#number() };
      }
      default: throw new ImapError('BAD', `Unknown search key ${name.slice(0, 40)}`);
    }
  }

  all(depth: number): SearchKey[] {
    const keys: SearchKey[] = [];
    while (!this.done) keys.push(this.key(depth));
    if (keys.length === 0) throw new ImapError('BAD', 'Missing search criteria');
    return keys;
  }
}

/**
 * Parses search criteria (RFC 9051 §6.4.4) into one key, the AND of those given. Sequence sets
 * and UID sets are resolved against the view.
 *
 * @example
 * parseSearchCriteria(tokens('OR FROM ann SUBJECT "x" UNSEEN'), view);
 * @throws {ImapError} `BAD` for unknown keys, missing arguments, bad dates or sets.
 */
export function parseSearchCriteria(tokens: readonly ImapToken[], view: SelectedMailboxView): SearchKey {
  const keys = new CriteriaReader(tokens, view).all(0);
  return keys.length === 1 ? keys[0]! : { type: 'and', keys };
}

/** Whether evaluating the key needs the message bytes (header or body text). */
export function keyNeedsContent(key: SearchKey): boolean {
  switch (key.type) {
    case 'header': case 'body': case 'text': return true;
    case 'date': return key.sent;
    case 'not': return keyNeedsContent(key.key);
    case 'or': return keyNeedsContent(key.left) || keyNeedsContent(key.right);
    case 'and': return key.keys.some(keyNeedsContent);
    default: return false;
  }
}

/** Whether the key uses MODSEQ, so the SEARCH response carries `(MODSEQ n)` (RFC 7162 §3.1.5). */
export function keyUsesModseq(key: SearchKey): boolean {
  if (key.type === 'modseq') return true;
  if (key.type === 'not') return keyUsesModseq(key.key);
  if (key.type === 'or') return keyUsesModseq(key.left) || keyUsesModseq(key.right);
  return key.type === 'and' && key.keys.some(keyUsesModseq);
}
