import { renderEnvelope } from './imap-envelope.js';
import { parseParameterised } from './imap-content-fields.js';
import { fieldValue, fieldsNamed, type RawHeaderField } from './imap-header-lines.js';
import type { MimeEntity } from './imap-mime-tree.js';
import { imapNString, imapString } from './imap-wire.js';

const LF = 0x0a;

/** Lines of a body (RFC 9051 §7.5.2 `body-fld-lines`): its line endings, as Dovecot counts them. */
function countLines(raw: Buffer, start: number, end: number): number {
  let lines = 0;
  for (let position = raw.indexOf(LF, start); position >= 0 && position < end; position = raw.indexOf(LF, position + 1)) lines++;
  return lines;
}

/** The header fields BODYSTRUCTURE shows of an entity besides its Content-Type. */
const CONTENT_FIELDS = new Set(['content-transfer-encoding', 'content-id', 'content-description', 'content-md5', 'content-disposition', 'content-language', 'content-location']);

/** An entity's {@link CONTENT_FIELDS}, found in one pass; each is read from its first occurrence. */
type ContentFields = Map<string, RawHeaderField[]>;

/** The decoded value of the first `name` field among `fields`, or null. */
function valueOf(raw: Buffer, fields: ContentFields, name: string): string | null {
  const field = fields.get(name)?.[0];
  return field === undefined ? null : fieldValue(raw, field);
}

function renderParameters(parameters: ReadonlyArray<[string, string]>): string {
  if (parameters.length === 0) return 'NIL';
  const items: string[] = [];
  for (const [name, value] of parameters) items.push(imapString(name), imapString(value));
  return `(${items.join(' ')})`;
}

function renderDisposition(header: string | null): string {
  if (header === null) return 'NIL';
  const { value, parameters } = parseParameterised(header);
  return value === '' ? 'NIL' : `(${imapString(value)} ${renderParameters(parameters)})`;
}

function renderLanguage(header: string | null): string {
  if (header === null) return 'NIL';
  let text = '';
  for (const tag of header.split(/[\s,]+/)) if (tag !== '') text += `${text === '' ? '(' : ' '}${imapString(tag)}`;
  return text === '' ? 'NIL' : `${text})`;
}

/** `body-ext-1part` / `body-ext-mpart` after the MD5 (RFC 9051 §9): disposition, language, location. */
function renderExtensionTail(raw: Buffer, fields: ContentFields): string {
  return `${renderDisposition(valueOf(raw, fields, 'content-disposition'))} ${renderLanguage(valueOf(raw, fields, 'content-language'))} ${imapNString(valueOf(raw, fields, 'content-location'))}`;
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
  const fields: ContentFields = fieldsNamed(entity.fields, CONTENT_FIELDS);
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
  const encoding = valueOf(raw, fields, 'content-transfer-encoding')?.trim() || '7bit';
  const body = [
    imapString(entity.written[0]),
    imapString(entity.written[1]),
    renderParameters(entity.parameters),
    imapNString(valueOf(raw, fields, 'content-id')),
    imapNString(valueOf(raw, fields, 'content-description')),
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
  structure.push(imapNString(valueOf(raw, fields, 'content-md5')), renderExtensionTail(raw, fields));
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
