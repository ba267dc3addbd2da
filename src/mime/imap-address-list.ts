import { matchSimpleMailbox } from './simple-mailbox.js';

/**
 * One entry of an address list as ENVELOPE lists it (RFC 9051 §7.5.2 `address`): a mailbox, or the
 * start (`mailbox` is the group name, `host` null) or end (all null) of an RFC 5322 group.
 */
export interface EnvelopeAddress {
  name: string | null;
  adl: string | null;
  mailbox: string | null;
  host: string | null;
}

const MAX_ADDRESSES = 1000;

/** Splits at `separators` outside quoted strings, comments and angle brackets; keeps the separator that ended each piece. */
function splitTop(text: string, separators: string): Array<{ text: string; separator: string }> {
  const pieces: Array<{ text: string; separator: string }> = [];
  let current = '';
  let quoted = false;
  let comment = 0;
  let angle = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && (quoted || comment > 0)) {
      current += char + (text[index + 1] ?? '');
      index++;
      continue;
    }
    if (quoted) quoted = char !== '"';
    else if (comment > 0) comment += char === '(' ? 1 : char === ')' ? -1 : 0;
    else if (char === '"') quoted = true;
    else if (char === '(') comment = 1;
    else if (char === '<') angle = true;
    else if (char === '>') angle = false;
    else if (!angle && separators.includes(char)) {
      pieces.push({ text: current, separator: char });
      current = '';
      continue;
    }
    current += char;
  }
  pieces.push({ text: current, separator: '' });
  return pieces;
}

/** Removes comments, returning the text without them and the last comment's content. */
function takeComments(text: string): { text: string; comment: string | null } {
  let output = '';
  let comment: string | null = null;
  let depth = 0;
  let quoted = false;
  let current = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && (quoted || depth > 0)) {
      if (depth > 0) current += text[index + 1] ?? '';
      else output += char + (text[index + 1] ?? '');
      index++;
    } else if (depth > 0) {
      if (char === '(') depth++;
      if (char === ')' && --depth === 0) {
        comment = current.trim();
        current = '';
        output += ' ';
      } else current += char;
    } else if (char === '(' && !quoted) depth = 1;
    else {
      if (char === '"') quoted = !quoted;
      output += char;
    }
  }
  return { text: output, comment };
}

/** A phrase with its quoted strings unquoted and white space folded (RFC 5322 §3.2.5). */
function phrase(text: string): string | null {
  const folded = text.replace(/"((?:[^"\\]|\\.)*)"/g, (_, inner: string) => inner.replace(/\\(.)/g, '$1')).replace(/\s+/g, ' ').trim();
  return folded === '' ? null : folded;
}

function mailbox(raw: string): EnvelopeAddress | null {
  const { text, comment } = takeComments(raw);
  const open = text.indexOf('<');
  let display: string | null = null;
  let spec = text;
  let adl: string | null = null;
  if (open >= 0) {
    display = phrase(text.slice(0, open));
    const close = text.indexOf('>', open);
    spec = text.slice(open + 1, close < 0 ? undefined : close);
    const route = /^\s*(@[^:]*):/.exec(spec);
    if (route) {
      adl = route[1]!.replace(/\s+/g, '');
      spec = spec.slice(route[0].length);
    }
  } else if (comment !== null && comment !== '') display = comment;
  spec = spec.replace(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/g, '');
  if (spec === '' && display === null) return null;
  const at = spec.lastIndexOf('@');
  const local = at < 0 ? spec : spec.slice(0, at);
  const host = at < 0 ? '' : spec.slice(at + 1);
  // Placeholders where Dovecot puts them, so a client never mistakes a mailbox for a group marker.
  return { name: display, adl, mailbox: local === '' ? 'MISSING_MAILBOX' : local, host: host === '' ? 'MISSING_DOMAIN' : host };
}

/**
 * Parses an address-list header value (RFC 5322 §3.4) into ENVELOPE entries, keeping encoded words
 * and display names as written (IMAP clients decode them). Groups become a start and an end entry.
 * Never throws; garbage yields what can be read, and at most 1,000 entries are kept. A value in
 * one of the simple forms (see {@link matchSimpleMailbox}) is read without the general scan.
 *
 * @example
 * parseEnvelopeAddresses('"Ann" <ann@example.com>');
 * // [{ name: 'Ann', adl: null, mailbox: 'ann', host: 'example.com' }]
 */
export function parseEnvelopeAddresses(value: string): EnvelopeAddress[] {
  const simple = matchSimpleMailbox(value);
  if (simple !== null) {
    const at = simple.address.lastIndexOf('@');
    // the simple forms hold no quotes inside a name, so folding its white space is all phrase() would do
    const name = simple.display === null ? null : simple.display.replace(/\s+/g, ' ').trim() || null;
    return [{ name, adl: null, mailbox: simple.address.slice(0, at), host: simple.address.slice(at + 1) }];
  }
  return parseAddressList(value);
}

/** The general scan of {@link parseEnvelopeAddresses}: groups, comments, routes, quoting. */
export function parseAddressList(value: string): EnvelopeAddress[] {
  const entries: EnvelopeAddress[] = [];
  let inGroup = false;
  for (const piece of splitTop(value, ',:;')) {
    if (entries.length >= MAX_ADDRESSES) break;
    if (piece.separator === ':' && !inGroup) {
      entries.push({ name: null, adl: null, mailbox: phrase(takeComments(piece.text).text) ?? '', host: null });
      inGroup = true;
      continue;
    }
    const entry = mailbox(piece.text);
    if (entry !== null) entries.push(entry);
    if (piece.separator === ';' && inGroup) {
      entries.push({ name: null, adl: null, mailbox: null, host: null });
      inGroup = false;
    }
  }
  if (inGroup) entries.push({ name: null, adl: null, mailbox: null, host: null });
  return entries;
}
