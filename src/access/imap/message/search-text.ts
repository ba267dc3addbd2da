import iconv from 'iconv-lite';
import { decodeEncodedWords } from '../../../mime/encoded-words.js';
import { parameterValue } from '../../../mime/imap-content-fields.js';
import { fieldValue } from '../../../mime/imap-header-lines.js';
import { entityField, type MimeEntity } from '../../../mime/imap-mime-tree.js';
import { decodeTransferEncoding } from '../../../mime/transfer-encoding.js';

/** Decoded body text searched per message at most: a hostile message cannot make SEARCH unbounded. */
const MAX_BODY_TEXT = 16 * 1024 * 1024;

/** Text folded for case-insensitive substring matching (RFC 9051 §6.4.4: the server decides how). */
export function foldForSearch(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * The decoded values (RFC 2047 encoded words undone) of every field `name` (lower case) of the
 * message header, folded for matching.
 *
 * @example
 * headerTexts(raw, tree, 'subject'); // ['café']
 */
export function headerTexts(raw: Buffer, tree: MimeEntity, name: string): string[] {
  return tree.fields.filter((field) => field.name === name).map((field) => foldForSearch(decodeEncodedWords(fieldValue(raw, field))));
}

function textLeaves(entity: MimeEntity, into: MimeEntity[]): void {
  if (entity.children.length > 0) for (const child of entity.children) textLeaves(child, into);
  else if (entity.message !== null) textLeaves(entity.message, into);
  else if (entity.type === 'text') into.push(entity);
}

/**
 * The text of every text part, transfer encoding and charset undone, folded for matching
 * (what SEARCH BODY looks through). Parts in unknown encodings or charsets are read as they are.
 */
export function bodyText(raw: Buffer, tree: MimeEntity): string {
  const leaves: MimeEntity[] = [];
  textLeaves(tree, leaves);
  const pieces: string[] = [];
  let total = 0;
  for (const leaf of leaves) {
    if (total >= MAX_BODY_TEXT) break;
    const bytes = raw.subarray(leaf.bodyStart, Math.min(leaf.end, leaf.bodyStart + MAX_BODY_TEXT - total));
    const decoded = decodeTransferEncoding(bytes, entityField(raw, leaf, 'content-transfer-encoding')) ?? bytes;
    const charset = parameterValue(leaf.parameters, 'charset') ?? 'utf-8';
    pieces.push(iconv.encodingExists(charset) ? iconv.decode(decoded, charset) : decoded.toString('utf8'));
    total += bytes.length;
  }
  return foldForSearch(pieces.join('\n'));
}

/** The whole header section decoded (encoded words undone), folded: the header half of SEARCH TEXT. */
export function headerText(raw: Buffer, tree: MimeEntity): string {
  return foldForSearch(tree.fields.map((field) => `${field.name}: ${decodeEncodedWords(fieldValue(raw, field))}`).join('\n'));
}
