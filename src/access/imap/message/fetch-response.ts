import type { StoredMessage } from '../../../interfaces/store.js';
import { entityField } from '../../../mime/imap-mime-tree.js';
import { ImapError } from '../imap-error.js';
import { formatFlags } from '../wire/response-format.js';
import { decodeTransferEncoding } from '../../../mime/transfer-encoding.js';
import type { FetchItem } from './fetch-items.js';
import { formatInternalDate } from './internal-date.js';
import type { MessageContent } from './message-content.js';
import { extractSection, findPart, type SectionSpec } from './section.js';

/** How one message's FETCH response is assembled. */
export interface FetchResponseOptions {
  /** UID FETCH: UID is reported even when not asked for (RFC 9051 §6.4.9). */
  includeUid: boolean;
  /** `\Seen` was set by this fetch: FLAGS is reported even when not asked for. */
  includeFlags: boolean;
  /** CONDSTORE is in use: MODSEQ accompanies FLAGS (RFC 7162 §3.1.4). */
  includeModseq: boolean;
}

const EMPTY = Buffer.alloc(0);

/** A literal's parts: `{n}\r\n` then the bytes, sent as they are; `~{n}` when they hold NUL (RFC 3516 §4.2). */
function literal(bytes: Buffer, allowLiteral8: boolean): Array<string | Buffer> {
  const marker = allowLiteral8 && bytes.includes(0) ? '~' : '';
  return [`${marker}{${bytes.length}}\r\n`, bytes];
}

function slice(bytes: Buffer, partial: { offset: number; length: number | null } | null): Buffer {
  if (partial === null) return bytes;
  const start = Math.min(partial.offset, bytes.length);
  return bytes.subarray(start, partial.length === null ? bytes.length : Math.min(bytes.length, start + partial.length));
}

async function sectionBytes(content: MessageContent, section: SectionSpec, binary: boolean): Promise<Buffer> {
  const raw = await content.raw();
  // BODY[] and BINARY[] are the stored bytes: no need to parse the MIME tree for them.
  if (section.part.length === 0 && section.text === null) return raw;
  const tree = await content.tree();
  const bytes = extractSection(raw, tree, section) ?? EMPTY;
  if (!binary || section.part.length === 0) return bytes;
  const part = findPart(tree, section.part)!;
  if (part.children.length > 0 || part.message !== null) return bytes;
  const decoded = decodeTransferEncoding(bytes, entityField(raw, part, 'content-transfer-encoding'));
  if (decoded === null) throw new ImapError('NO', 'Unknown Content-Transfer-Encoding', 'UNKNOWN-CTE');
  return decoded;
}

async function renderItem(item: FetchItem, message: StoredMessage, content: MessageContent): Promise<Array<string | Buffer>> {
  if (item.kind === 'binary-size') return [`BINARY.SIZE[${item.section.label}] ${(await sectionBytes(content, item.section, true)).length}`];
  if (item.kind === 'section') {
    const bytes = slice(await sectionBytes(content, item.section, item.binary), item.partial);
    const origin = item.partial === null ? '' : `<${item.partial.offset}>`;
    return [`${item.binary ? 'BINARY' : 'BODY'}[${item.section.label}]${origin} `, ...literal(bytes, item.binary)];
  }
  switch (item.name) {
    case 'FLAGS': return [`FLAGS ${formatFlags(message.flags)}`];
    case 'INTERNALDATE': return [`INTERNALDATE ${formatInternalDate(message.internalDate)}`];
    case 'RFC822.SIZE': return [`RFC822.SIZE ${message.size}`];
    case 'UID': return [`UID ${message.uid}`];
    case 'MODSEQ': return [`MODSEQ (${message.modseq})`];
    case 'ENVELOPE': return [`ENVELOPE ${(await content.imapSummary()).envelope}`];
    case 'BODYSTRUCTURE': return [`BODYSTRUCTURE ${(await content.imapSummary()).bodyStructure}`];
    case 'BODY': return [`BODY ${(await content.imapSummary()).body}`];
    case 'RFC822': return ['RFC822 ', ...literal(await content.raw(), false)];
    case 'RFC822.HEADER': return ['RFC822.HEADER ', ...literal(await sectionBytes(content, { part: [], text: 'HEADER', fields: [], label: 'HEADER' }, false), false)];
    case 'RFC822.TEXT': return ['RFC822.TEXT ', ...literal(await sectionBytes(content, { part: [], text: 'TEXT', fields: [], label: 'TEXT' }, false), false)];
  }
}

/**
 * The data of one untagged FETCH response, `n FETCH (…)` (RFC 9051 §7.5.2), as parts for
 * `untagged()`: strings, and Buffers for literal bytes sent exactly as stored. Items come in the
 * order asked, with UID, FLAGS and MODSEQ added where the RFCs require them.
 *
 * @example
 * await fetchResponse(3, items, message, content, { includeUid: true, includeFlags: false, includeModseq: false });
 * // ['3 FETCH (', 'UID 7', ' ', 'BODY[] ', '{12}\r\n', <Buffer …>, ')']
 * @throws {ImapError} `NO [UNKNOWN-CTE]` when BINARY meets an encoding it cannot undo.
 */
export async function fetchResponse(
  sequence: number,
  items: readonly FetchItem[],
  message: StoredMessage,
  content: MessageContent,
  options: FetchResponseOptions,
): Promise<Array<string | Buffer>> {
  const names = new Set(items.map((item) => (item.kind === 'simple' ? item.name : '')));
  const wanted: FetchItem[] = [];
  if (options.includeUid && !names.has('UID')) wanted.push({ kind: 'simple', name: 'UID' });
  wanted.push(...items);
  if (options.includeFlags && !names.has('FLAGS')) wanted.push({ kind: 'simple', name: 'FLAGS' });
  if (options.includeModseq && !names.has('MODSEQ')) wanted.push({ kind: 'simple', name: 'MODSEQ' });
  const parts: Array<string | Buffer> = [`${sequence} FETCH (`];
  for (const [index, item] of wanted.entries()) {
    if (index > 0) parts.push(' ');
    parts.push(...(await renderItem(item, message, content)));
  }
  parts.push(')');
  return parts;
}
