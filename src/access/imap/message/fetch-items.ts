import { ImapError } from '../imap-error.js';
import type { ImapToken } from '../types.js';
import { parseSection, type SectionSpec } from './section.js';

/** Items that need no section (RFC 9051 §6.4.5, RFC 7162 §3.1.4.1). */
export type SimpleFetchItem =
  | 'FLAGS' | 'INTERNALDATE' | 'RFC822.SIZE' | 'ENVELOPE' | 'BODYSTRUCTURE' | 'BODY' | 'UID' | 'MODSEQ'
  | 'RFC822' | 'RFC822.HEADER' | 'RFC822.TEXT';

/** One requested FETCH data item. */
export type FetchItem =
  | { kind: 'simple'; name: SimpleFetchItem }
  /** `BODY[…]`, `BODY.PEEK[…]`, `BINARY[…]`, `BINARY.PEEK[…]` with an optional `<offset.length>`. */
  | { kind: 'section'; binary: boolean; peek: boolean; section: SectionSpec; partial: { offset: number; length: number | null } | null }
  | { kind: 'binary-size'; section: SectionSpec };

const SIMPLE = new Set<string>(['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODYSTRUCTURE', 'BODY', 'UID', 'MODSEQ', 'RFC822', 'RFC822.HEADER', 'RFC822.TEXT']);
const MACROS: Record<string, SimpleFetchItem[]> = {
  ALL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE'],
  FAST: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE'],
  FULL: ['FLAGS', 'INTERNALDATE', 'RFC822.SIZE', 'ENVELOPE', 'BODY'],
};
const MAX_ITEMS = 100;

function parseItem(token: ImapToken): FetchItem {
  if (token.type !== 'atom') throw new ImapError('BAD', 'Invalid FETCH item');
  const name = token.value.toUpperCase();
  if (token.section === undefined) {
    if (SIMPLE.has(name) && token.partial === undefined) return { kind: 'simple', name: name as SimpleFetchItem };
    throw new ImapError('BAD', `Unknown FETCH item ${name.slice(0, 40)}`);
  }
  const section = parseSection(token.section);
  const binary = name.startsWith('BINARY');
  // BINARY addresses parts only (RFC 3516 §4.1 `section-binary`).
  if (binary && section.text !== null) throw new ImapError('BAD', 'BINARY takes part numbers only');
  if (name === 'BINARY.SIZE' && token.partial === undefined) return { kind: 'binary-size', section };
  if (name !== 'BODY' && name !== 'BODY.PEEK' && name !== 'BINARY' && name !== 'BINARY.PEEK') throw new ImapError('BAD', `Unknown FETCH item ${name.slice(0, 40)}`);
  if (token.partial !== undefined && token.partial.length === 0) throw new ImapError('BAD', 'Partial length must be positive');
  return { kind: 'section', binary, peek: name.endsWith('.PEEK'), section, partial: token.partial ?? null };
}

/**
 * Parses the items argument of FETCH: one item, a macro (ALL, FAST, FULL) or a parenthesised list.
 *
 * @example
 * parseFetchItems({ type: 'atom', value: 'FAST' }); // FLAGS, INTERNALDATE, RFC822.SIZE
 * @throws {ImapError} `BAD` for an unknown or malformed item.
 */
export function parseFetchItems(token: ImapToken): FetchItem[] {
  if (token.type === 'atom' && token.section === undefined && MACROS[token.value.toUpperCase()] !== undefined) {
    return MACROS[token.value.toUpperCase()]!.map((name) => ({ kind: 'simple', name }));
  }
  const tokens = token.type === 'list' ? token.items : [token];
  if (tokens.length === 0 || tokens.length > MAX_ITEMS) throw new ImapError('BAD', 'FETCH needs 1 to 100 items');
  return tokens.map(parseItem);
}

/** Whether fetching these items sets `\Seen` (RFC 9051 §6.4.5: BODY[…], BINARY[…], RFC822, RFC822.TEXT). */
export function itemsSetSeen(items: readonly FetchItem[]): boolean {
  return items.some((item) => (item.kind === 'section' && !item.peek) || (item.kind === 'simple' && (item.name === 'RFC822' || item.name === 'RFC822.TEXT')));
}

/** Whether the items need IMAP's renderings of the message (ENVELOPE, BODY, BODYSTRUCTURE), kept with its summary. */
export function itemsNeedRendering(items: readonly FetchItem[]): boolean {
  return items.some((item) => item.kind === 'simple' && (item.name === 'ENVELOPE' || item.name === 'BODYSTRUCTURE' || item.name === 'BODY'));
}

/** Whether the items need the raw message bytes (anything past flags, sizes and the stored summary). */
export function itemsNeedBytes(items: readonly FetchItem[]): boolean {
  return items.some((item) => item.kind !== 'simple' || item.name.startsWith('RFC822') && item.name !== 'RFC822.SIZE');
}
