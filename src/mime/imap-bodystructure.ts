import { renderEnvelope } from './imap-envelope.js';
import { parseParameterised } from './imap-content-fields.js';
import { entityField, type MimeEntity } from './imap-mime-tree.js';
import { imapListOrNil, imapNString, imapString } from './imap-wire.js';

const LF = 0x0a;

/** Lines of a body (RFC 9051 §7.5.2 `body-fld-lines`): its line endings, as Dovecot counts them. */
function countLines(raw: Buffer, start: number, end: number): number {
  let lines = 0;
  for (let position = raw.indexOf(LF, start); position >= 0 && position < end; position = raw.indexOf(LF, position + 1)) lines++;
  return lines;
}

function renderParameters(parameters: ReadonlyArray<[string, string]>): string {
  return imapListOrNil(parameters.flatMap(([name, value]) => [imapString(name), imapString(value)]));
}

function renderDisposition(raw: Buffer, entity: MimeEntity): string {
  const header = entityField(raw, entity, 'content-disposition');
  if (header === null) return 'NIL';
  const { value, parameters } = parseParameterised(header);
  return value === '' ? 'NIL' : `(${imapString(value)} ${renderParameters(parameters)})`;
}

function renderLanguage(raw: Buffer, entity: MimeEntity): string {
  const header = entityField(raw, entity, 'content-language');
  const tags = header === null ? [] : header.split(/[\s,]+/).filter((tag) => tag !== '');
  if (tags.length === 0) return 'NIL';
  return `(${tags.map((tag) => imapString(tag)).join(' ')})`;
}

/** `body-ext-1part` / `body-ext-mpart` after the MD5 (RFC 9051 §9): disposition, language, location. */
function renderExtensionTail(raw: Buffer, entity: MimeEntity): string {
  return `${renderDisposition(raw, entity)} ${renderLanguage(raw, entity)} ${imapNString(entityField(raw, entity, 'content-location'))}`;
}

/** An entity rendered both ways: with extension data (BODYSTRUCTURE) and without (BODY). */
interface Rendered {
  structure: string;
  body: string;
}

/** One walk renders both forms: every field they share is read and rendered once. */
function renderEntity(raw: Buffer, entity: MimeEntity): Rendered {
  if (entity.children.length > 0) {
    const children = entity.children.map((child) => renderEntity(raw, child));
    const subtype = imapString(entity.written[1]);
    return {
      structure: `(${children.map((child) => child.structure).join('')} ${subtype} ${renderParameters(entity.parameters)} ${renderExtensionTail(raw, entity)})`,
      body: `(${children.map((child) => child.body).join('')} ${subtype})`,
    };
  }
  const encoding = entityField(raw, entity, 'content-transfer-encoding')?.trim() || '7bit';
  const fields = [
    imapString(entity.written[0]),
    imapString(entity.written[1]),
    renderParameters(entity.parameters),
    imapNString(entityField(raw, entity, 'content-id')),
    imapNString(entityField(raw, entity, 'content-description')),
    imapString(encoding),
    String(entity.end - entity.bodyStart),
  ];
  const structureFields = [...fields];
  if (entity.message !== null) {
    const envelope = renderEnvelope(raw, entity.message.fields);
    const message = renderEntity(raw, entity.message);
    fields.push(envelope, message.body);
    structureFields.push(envelope, message.structure);
  }
  if (entity.type === 'text' || entity.message !== null) {
    const lines = String(countLines(raw, entity.bodyStart, entity.end));
    fields.push(lines);
    structureFields.push(lines);
  }
  structureFields.push(imapNString(entityField(raw, entity, 'content-md5')), renderExtensionTail(raw, entity));
  return { structure: `(${structureFields.join(' ')})`, body: `(${fields.join(' ')})` };
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
