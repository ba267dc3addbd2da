import type { HeaderEditAction, RuleAction } from '../interfaces/rules.js';

/**
 * Fields no edit touches: trace fields (RFC 5293 §6; Return-Path is the one the deliverer put
 * first) and Auto-Submitted, which guards against loops (RFC 5293 §5, RFC 3834).
 */
const PROTECTED = new Set(['received', 'auto-submitted', 'return-path']);

interface RawField {
  name: string;
  /** The whole field, continuation lines and line ending included, as latin1 (byte-preserving). */
  raw: string;
  value: string;
}

/**
 * Applies a run's editheader actions (RFC 5293) to one copy's bytes, in order; other actions are
 * ignored. `addheader` goes at the top (after the Return-Path the deliverer put first) or, with
 * `last`, at the end of the header section, its value on one line and RFC 2047-encoded when not
 * ASCII (§4); `deleteheader` removes every occurrence, the `index`th (1-based, from the end with
 * `last`), or those whose value matches a pattern (`*` and `?` wildcards, case-insensitive).
 * Protected fields are never added or deleted. The body and untouched fields keep their bytes.
 *
 * @example
 * applyHeaderEdits(raw, [{ type: 'addheader', name: 'X-Sorted', value: 'yes' }]);
 */
export function applyHeaderEdits(message: Buffer, actions: readonly RuleAction[]): Buffer {
  const edits = actions.filter((action): action is HeaderEditAction => action.type === 'addheader' || action.type === 'deleteheader');
  if (edits.length === 0) return message;
  const text = message.toString('latin1');
  const end = headerEnd(text);
  const fields = splitFields(text.slice(0, end));
  for (const edit of edits) {
    if (PROTECTED.has(edit.name.toLowerCase())) continue;
    if (edit.type === 'addheader') addField(fields, edit);
    else deleteFields(fields, edit);
  }
  return Buffer.concat([Buffer.from(fields.map((field) => field.raw).join(''), 'latin1'), message.subarray(end)]);
}

function addField(fields: RawField[], edit: HeaderEditAction): void {
  const name = edit.name.replace(/[^\x21-\x39\x3b-\x7e]/g, '');
  if (name === '') return;
  // RFC 5293 §4: the value is encoded as needed; CR and LF never reach the message (no injection).
  // A folded value (the engine folds multi-line values) unfolds as RFC 5322 §2.2.3 says.
  const value = (edit.value ?? '').replace(/[\r\n]+[ \t]*/g, ' ');
  const field: RawField = { name: name.toLowerCase(), raw: Buffer.from(`${name}: ${encodeIfNeeded(value)}\r\n`, 'utf8').toString('latin1'), value };
  const blankLine = fields.findIndex((candidate) => /^\r?\n$/.test(candidate.raw));
  if (edit.last) fields.splice(blankLine < 0 ? fields.length : blankLine, 0, field);
  else fields.splice(fields[0]?.name === 'return-path' ? 1 : 0, 0, field);
}

function deleteFields(fields: RawField[], edit: HeaderEditAction): void {
  const name = edit.name.toLowerCase();
  let positions = fields.flatMap((field, position) => (field.name === name ? [position] : []));
  if (edit.index !== undefined) {
    const chosen = edit.last ? positions[positions.length - edit.index] : positions[edit.index - 1];
    positions = chosen === undefined ? [] : [chosen];
  }
  const patterns = edit.valuePatterns ?? [];
  if (patterns.length > 0) positions = positions.filter((position) => patterns.some((pattern) => wildcardMatch(pattern, fields[position]!.value)));
  for (const position of positions.reverse()) fields.splice(position, 1);
}

/** Octets up to and including the blank line; the whole text when there is none. */
function headerEnd(text: string): number {
  const match = /\r?\n\r?\n/.exec(text);
  return match === null ? text.length : match.index + match[0].length;
}

function splitFields(header: string): RawField[] {
  const lines = header.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const fields: RawField[] = [];
  for (const line of lines) {
    if (/^\r?\n$/.test(line)) fields.push({ name: '', raw: line, value: '' });
    else if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1]!.raw += line;
    else fields.push({ name: line.slice(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(), raw: line, value: '' });
  }
  for (const field of fields) field.value = Buffer.from(field.raw.slice(field.raw.indexOf(':') + 1), 'latin1').toString('utf8').replace(/\r?\n/g, '').trim();
  return fields;
}

/** `:matches`-style comparison (RFC 5228 §2.7.1) with i;ascii-casemap. */
function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\s\\S]*').replace(/\?/g, '[\\s\\S]');
  return new RegExp(`^${source}$`, 'i').test(value);
}

/**
 * A header value as written: itself when printable ASCII, else one RFC 2047 encoded word
 * (UTF-8, base64).
 *
 * @example
 * encodeIfNeeded('Auto: café'); // '=?UTF-8?B?QXV0bzogY2Fmw6k=?='
 */
export function encodeIfNeeded(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
