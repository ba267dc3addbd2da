import { scanHeader } from '../../../mime/imap-header-lines.js';
import type { MimeEntity } from '../../../mime/imap-mime-tree.js';
import { ImapError } from '../imap-error.js';
import type { ImapToken } from '../types.js';

/** What follows the part numbers of a section (RFC 9051 §6.4.5 `section-msgtext`, `MIME`). */
export type SectionText = 'HEADER' | 'HEADER.FIELDS' | 'HEADER.FIELDS.NOT' | 'TEXT' | 'MIME';

/** A parsed `[section]` of FETCH BODY[…] or BINARY[…]. */
export interface SectionSpec {
  /** Part numbers, `[]` for the whole message. */
  part: number[];
  text: SectionText | null;
  /** Field names of HEADER.FIELDS (.NOT), lower case. */
  fields: string[];
  /** The section as the response names it: `1.2.HEADER.FIELDS (SUBJECT FROM)`. */
  label: string;
}

const MAX_PART_DEPTH = 100;

/**
 * Parses the tokens between the brackets of `BODY[…]` (RFC 9051 §9 `section`).
 *
 * @example
 * parseSection([{ type: 'atom', value: '1.HEADER.FIELDS' }, { type: 'list', items: [{ type: 'atom', value: 'Subject' }] }]);
 * // { part: [1], text: 'HEADER.FIELDS', fields: ['subject'], label: '1.HEADER.FIELDS (Subject)' }
 * @throws {ImapError} `BAD` for a malformed section.
 */
export function parseSection(tokens: readonly ImapToken[]): SectionSpec {
  if (tokens.length === 0) return { part: [], text: null, fields: [], label: '' };
  const [head, list, ...rest] = tokens;
  const spec = head!.type === 'number' ? String(head!.value) : head!.type === 'atom' && head!.section === undefined ? head!.value.toUpperCase() : null;
  const match = spec === null ? null : /^((?:[1-9]\d*\.)*(?:[1-9]\d*))?(?:\.?(HEADER\.FIELDS\.NOT|HEADER\.FIELDS|HEADER|TEXT|MIME))?$/.exec(spec);
  if (match === null || rest.length > 0 || (match[1] !== undefined && match[2] !== undefined && !spec!.includes(`${match[1]}.`))) {
    throw new ImapError('BAD', 'Invalid section');
  }
  const part = match[1] === undefined ? [] : match[1].split('.').map(Number);
  const text = (match[2] ?? null) as SectionText | null;
  if (part.length > MAX_PART_DEPTH || (text === 'MIME' && part.length === 0)) throw new ImapError('BAD', 'Invalid section');
  const wantsFields = text === 'HEADER.FIELDS' || text === 'HEADER.FIELDS.NOT';
  if (wantsFields !== (list !== undefined)) throw new ImapError('BAD', 'Invalid section');
  let names: string[] = [];
  if (list !== undefined) {
    if (list.type !== 'list' || list.items.length === 0) throw new ImapError('BAD', 'HEADER.FIELDS needs a list of field names');
    names = list.items.map((item) => {
      if (item.type === 'atom' && item.section === undefined) return item.value;
      if (item.type === 'string') return item.value.toString('utf8');
      if (item.type === 'number') return String(item.value);
      throw new ImapError('BAD', 'Invalid header field name');
    });
  }
  const label = `${spec}${wantsFields ? ` (${names.join(' ')})` : ''}`;
  return { part, text, fields: names.map((name) => name.toLowerCase()), label };
}

/** The entity a part path names (RFC 9051 §6.4.5), or null when there is no such part. */
export function findPart(root: MimeEntity, path: readonly number[]): MimeEntity | null {
  let entity = root;
  for (const [index, number] of path.entries()) {
    const container = index > 0 && entity.message !== null ? entity.message : entity;
    if (container.children.length > 0) {
      const child = container.children[number - 1];
      if (child === undefined) return null;
      entity = child;
    } else if (number === 1) entity = container;
    else return null;
  }
  return entity;
}

function headerSubset(raw: Buffer, message: MimeEntity, names: readonly string[], keep: boolean): Buffer {
  const wanted = new Set(names);
  const { fields } = scanHeader(raw, message.headerStart, message.bodyStart);
  const pieces = fields.filter((field) => wanted.has(field.name) === keep).map((field) => raw.subarray(field.start, field.end));
  return Buffer.concat([...pieces, Buffer.from('\r\n')]);
}

/**
 * The bytes a section names, sliced from the message without copying where possible; null when
 * the message has no such part (the response then carries an empty string, as Dovecot's does).
 *
 * @example
 * extractSection(raw, parseMimeTree(raw), parseSection([])); // raw itself
 */
export function extractSection(raw: Buffer, root: MimeEntity, spec: SectionSpec): Buffer | null {
  const entity = findPart(root, spec.part);
  if (entity === null) return null;
  if (spec.text === 'MIME') return raw.subarray(entity.headerStart, entity.bodyStart);
  if (spec.text === null) return spec.part.length === 0 ? raw : raw.subarray(entity.bodyStart, entity.end);
  // HEADER and TEXT address a message: the whole one, or the one a message/rfc822 part holds.
  const message = spec.part.length === 0 ? root : entity.message;
  if (message === null) return null;
  if (spec.text === 'TEXT') return raw.subarray(message.bodyStart, message.end);
  if (spec.text === 'HEADER') return raw.subarray(message.headerStart, message.bodyStart);
  return headerSubset(raw, message, spec.fields, spec.text === 'HEADER.FIELDS');
}
