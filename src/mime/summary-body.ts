import { parameterValue, parseParameterised } from './imap-content-fields.js';
import { entityField, type MimeEntity } from './imap-mime-tree.js';
import { decodeCharset } from './charsets.js';
import { htmlSnippetText } from './html-text.js';
import { decodeTransferEncoding } from './transfer-encoding.js';

/** What a summary takes from a message's body. */
export interface SummaryBody {
  /** The text a snippet is cut from: the inline text parts, or the first HTML part's text. */
  text: string;
  /** Whether a part is an attachment (an inline image an HTML body refers to is not). */
  hasAttachments: boolean;
}

/** Inline parts of these types are body text; any other leaf is an attachment (mailparser's rule). */
const TEXT_TYPES = new Set(['text/plain', 'text/html', 'message/delivery-status']);
/** Encoded octets read of one text part: a snippet needs its first few hundred characters. */
const MAX_PART_OCTETS = 256 * 1024;
/** Text collected at most; `makeSnippet` examines no more than this. */
const MAX_TEXT = 64 * 1024;

interface Walk {
  raw: Buffer;
  plain: string[];
  plainLength: number;
  html: MimeEntity | null;
  hasAttachments: boolean;
}

/** The Content-Disposition value, lower case, or null when the part has none (RFC 2183 §2). */
function dispositionOf(raw: Buffer, entity: MimeEntity): string | null {
  const value = entityField(raw, entity, 'content-disposition');
  return value === null ? null : parseParameterised(value).value.toLowerCase();
}

/** Text in `charset`; US-ASCII (the default) and charsets that cannot be decoded are read as UTF-8, as mailparser reads them. */
function bodyCharset(bytes: Buffer, charset: string | undefined): string {
  const name = (charset ?? 'utf-8').trim().toLowerCase();
  if (name === 'us-ascii' || name === 'ascii' || name === 'utf-8' || name === 'utf8') return bytes.toString('utf8');
  return decodeCharset(bytes, name) ?? bytes.toString('utf8');
}

/** A text part's content: a bounded prefix, transfer encoding (RFC 2045 §6) and charset undone. */
function partText(raw: Buffer, entity: MimeEntity): string {
  const bytes = raw.subarray(entity.bodyStart, Math.min(entity.end, entity.bodyStart + MAX_PART_OCTETS));
  // An unknown encoding is read as it is, as mailparser reads it.
  const decoded = decodeTransferEncoding(bytes, entityField(raw, entity, 'content-transfer-encoding')) ?? bytes;
  const text = bodyCharset(decoded, parameterValue(entity.parameters, 'charset'));
  // format=flowed with DelSp=yes: a soft line break's space is not part of the text (RFC 3676 §4.2).
  const flowed = parameterValue(entity.parameters, 'format')?.toLowerCase() === 'flowed';
  return flowed && parameterValue(entity.parameters, 'delsp')?.toLowerCase() === 'yes' ? text.replace(/ \r?\n/g, '') : text;
}

/**
 * Whether an encapsulated message is read as part of the body: inline and not transfer-encoded, as
 * mailparser reads it, or a digest entry without a Content-Type (message/rfc822 by default, RFC 2046 §5.1.5).
 */
function isInlineMessage(raw: Buffer, entity: MimeEntity, disposition: string | null): boolean {
  if (entityField(raw, entity, 'content-type') === null) return true;
  const encoding = (entityField(raw, entity, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  return disposition === 'inline' && ['7bit', '8bit', 'binary', ''].includes(encoding);
}

function visit(walk: Walk, entity: MimeEntity, inRelated: boolean): void {
  if (entity.type === 'multipart') {
    for (const child of entity.children) visit(walk, child, inRelated || entity.subtype === 'related');
    return;
  }
  const disposition = dispositionOf(walk.raw, entity);
  if (entity.message !== null && isInlineMessage(walk.raw, entity, disposition)) {
    visit(walk, entity.message, inRelated);
    return;
  }
  const mediaType = `${entity.type}/${entity.subtype}`;
  if (!TEXT_TYPES.has(mediaType) || (disposition !== null && disposition !== 'inline')) {
    // A part of a multipart/related with a Content-ID is something the HTML shows (RFC 2387), not an attachment.
    if (!inRelated || entityField(walk.raw, entity, 'content-id') === null) walk.hasAttachments = true;
  } else if (mediaType === 'text/html') {
    walk.html ??= entity;
  } else if (walk.plainLength < MAX_TEXT) {
    const text = partText(walk.raw, entity);
    walk.plain.push(text);
    walk.plainLength += text.length;
  }
}

/**
 * Reads what a summary needs of a message's body from its MIME tree (RFC 2045, RFC 2046): the
 * snippet text — the inline text/plain parts in order, else the first text/html part's visible
 * text — and whether it has attachments (any leaf that is not inline text; an inline image of a
 * multipart/related, which has a Content-ID, does not count). Only bounded prefixes are decoded.
 *
 * @example
 * summaryBody(raw, parseMimeTree(raw)); // { text: 'Hello…', hasAttachments: false }
 */
export function summaryBody(raw: Buffer, root: MimeEntity): SummaryBody {
  const walk: Walk = { raw, plain: [], plainLength: 0, html: null, hasAttachments: false };
  visit(walk, root, false);
  const text = walk.plain.join('\n');
  return { text: text === '' && walk.html !== null ? htmlSnippetText(partText(raw, walk.html)) : text, hasAttachments: walk.hasAttachments };
}
