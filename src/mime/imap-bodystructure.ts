import { renderEnvelope } from './imap-envelope.js';
import { parseParameterised } from './imap-content-fields.js';
import { fieldValue, type RawHeaderField } from './imap-header-lines.js';
import type { MimeEntity } from './imap-mime-tree.js';
import { imapNString, imapString } from './imap-wire.js';

const LF = 0x0a;

/** Lines of a body (RFC 9051 §7.5.2 `body-fld-lines`): its line endings, as Dovecot counts them. */
function countLines(raw: Buffer, start: number, end: number): number {
  let lines = 0;
  for (let position = raw.indexOf(LF, start); position >= 0 && position < end; position = raw.indexOf(LF, position + 1)) lines++;
  return lines;
}

/** The first of each header field BODYSTRUCTURE shows of an entity, not yet decoded. */
interface ContentFields {
  transferEncoding?: RawHeaderField;
  id?: RawHeaderField;
  description?: RawHeaderField;
  md5?: RawHeaderField;
  disposition?: RawHeaderField;
  language?: RawHeaderField;
  location?: RawHeaderField;
}

/** One pass over an entity's fields finds them all, instead of one search per field. */
function contentFields(entity: MimeEntity): ContentFields {
  const found: ContentFields = {};
  for (const field of entity.fields) {
    switch (field.name) {
      case 'content-transfer-encoding':
        found.transferEncoding ??= field;
        break;
      case 'content-id':
        found.id ??= field;
        break;
      case 'content-description':
        found.description ??= field;
        break;
      case 'content-md5':
        found.md5 ??= field;
        break;
      case 'content-disposition':
        found.disposition ??= field;
        break;
      case 'content-language':
        found.language ??= field;
        break;
      case 'content-location':
        found.location ??= field;
        break;
    }
  }
  return found;
}

function valueOf(raw: Buffer, field: RawHeaderField | undefined): string | null {
  return field === undefined ? null : fieldValue(raw, field);
}

function renderParameters(parameters: ReadonlyArray<[string, string]>): string {
  if (parameters.length === 0) return 'NIL';
  const items: string[] = [];
  for (const [name, value] of parameters) items.push(imapString(name), imapString(value));
  return `(${items.join(' ')})`;
}

function renderDisposition(raw: Buffer, field: RawHeaderField | undefined): string {
  if (field === undefined) return 'NIL';
  const { value, parameters } = parseParameterised(fieldValue(raw, field));
  return value === '' ? 'NIL' : `(${imapString(value)} ${renderParameters(parameters)})`;
}

function renderLanguage(raw: Buffer, field: RawHeaderField | undefined): string {
  if (field === undefined) return 'NIL';
  let text = '';
  for (const tag of fieldValue(raw, field).split(/[\s,]+/)) if (tag !== '') text += `${text === '' ? '(' : ' '}${imapString(tag)}`;
  return text === '' ? 'NIL' : `${text})`;
}

/** `body-ext-1part` / `body-ext-mpart` after the MD5 (RFC 9051 §9): disposition, language, location. */
function renderExtensionTail(raw: Buffer, fields: ContentFields): string {
  return `${renderDisposition(raw, fields.disposition)} ${renderLanguage(raw, fields.language)} ${imapNString(valueOf(raw, fields.location))}`;
}

/** An entity rendered both ways: with extension data (BODYSTRUCTURE) and without (BODY). */
interface Rendered {
  structure: string;
  body: string;
}

/**
 * One walk renders both forms: every field they share is read and rendered once. Pieces are joined
 * rather than concatenated with `+`, which V8 keeps as a tree of every piece: a summary kept in
 * memory (an APPEND, an on-demand summary) would hold twice its text's size until first written.
 */
function renderEntity(raw: Buffer, entity: MimeEntity): Rendered {
  const fields = contentFields(entity);
  if (entity.children.length > 0) {
    const structures: string[] = ['('];
    const bodies: string[] = ['('];
    for (const child of entity.children) {
      const rendered = renderEntity(raw, child);
      structures.push(rendered.structure);
      bodies.push(rendered.body);
    }
    const subtype = imapString(entity.written[1]);
    structures.push(' ', subtype, ' ', renderParameters(entity.parameters), ' ', renderExtensionTail(raw, fields), ')');
    bodies.push(' ', subtype, ')');
    return { structure: structures.join(''), body: bodies.join('') };
  }
  const encoding = valueOf(raw, fields.transferEncoding)?.trim() || '7bit';
  const body = [
    imapString(entity.written[0]),
    imapString(entity.written[1]),
    renderParameters(entity.parameters),
    imapNString(valueOf(raw, fields.id)),
    imapNString(valueOf(raw, fields.description)),
    imapString(encoding),
    String(entity.end - entity.bodyStart),
  ];
  const structure = [...body];
  if (entity.message !== null) {
    const envelope = renderEnvelope(raw, entity.message.fields);
    const message = renderEntity(raw, entity.message);
    body.push(envelope, message.body);
    structure.push(envelope, message.structure);
  }
  if (entity.type === 'text' || entity.message !== null) {
    const lines = String(countLines(raw, entity.bodyStart, entity.end));
    body.push(lines);
    structure.push(lines);
  }
  structure.push(imapNString(valueOf(raw, fields.md5)), renderExtensionTail(raw, fields));
  return { structure: `(${structure.join(' ')})`, body: `(${body.join(' ')})` };
}

/**
 * Renders BODYSTRUCTURE (with extension data) and BODY (without) for a parsed message
 * (RFC 9051 §7.5.2), from the tree {@link parseMimeTree} builds, in one walk. Sizes are body
 * octets; text and message/rfc822 parts carry their line counts; an encapsulated message carries
 * its ENVELOPE and structure.
 *
 * @example
 * renderBodyStructures(raw, parseMimeTree(raw)).bodyStructure;
 * // '("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 12 1 NIL NIL NIL NIL)'
 */
export function renderBodyStructures(raw: Buffer, root: MimeEntity): { bodyStructure: string; body: string } {
  const { structure, body } = renderEntity(raw, root);
  return { bodyStructure: structure, body };
}
