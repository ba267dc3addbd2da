import { parameterValue, parseParameterised } from './imap-content-fields.js';
import { fieldValue, scanHeader, type RawHeaderField } from './imap-header-lines.js';

/**
 * One MIME entity of a raw message with the octet offsets of its parts, as IMAP needs them for
 * BODYSTRUCTURE and `BODY[section]` (RFC 9051 §6.4.5, §7.5.2). Offsets index the message bytes.
 */
export interface MimeEntity {
  /** First octet of the entity's header. */
  headerStart: number;
  /** First octet of its body. */
  bodyStart: number;
  /** Just past its last octet (the line ending before a boundary is not part of it, RFC 2046 §5.1.1). */
  end: number;
  fields: RawHeaderField[];
  /** Media type and subtype, lower case; the default applied when absent (RFC 2045 §5.2, RFC 2046 §5.1.5). */
  type: string;
  subtype: string;
  /** Type and subtype as the header wrote them, which BODYSTRUCTURE repeats (as Dovecot does). */
  written: [string, string];
  parameters: Array<[string, string]>;
  /** Body parts of a multipart entity; empty otherwise. */
  children: MimeEntity[];
  /** The encapsulated message of a `message/rfc822` entity (`message/global` stays opaque, as in Dovecot). */
  message: MimeEntity | null;
}

/** Bounds that keep a hostile message's tree small. */
const MAX_ENTITIES = 1000;
const MAX_DEPTH = 50;
const LF = 0x0a;

interface WalkState {
  raw: Buffer;
  entities: number;
}

type ContentType = Pick<MimeEntity, 'type' | 'subtype' | 'written' | 'parameters'>;

const TEXT_PLAIN: ContentType = { type: 'text', subtype: 'plain', written: ['text', 'plain'], parameters: [['charset', 'us-ascii']] };

function contentType(raw: Buffer, fields: readonly RawHeaderField[], inDigest: boolean): ContentType {
  const field = fields.find((candidate) => candidate.name === 'content-type');
  const parsed = field === undefined ? null : parseParameterised(fieldValue(raw, field));
  // `type/subtype`: one slash with something on both sides (the value holds no white space)
  const slash = parsed === null ? -1 : parsed.value.indexOf('/');
  if (parsed !== null && slash > 0 && slash < parsed.value.length - 1 && !parsed.value.includes('/', slash + 1)) {
    const written: [string, string] = [parsed.value.slice(0, slash), parsed.value.slice(slash + 1)];
    const type = written[0].toLowerCase();
    const subtype = written[1].toLowerCase();
    // A text part without a charset is US-ASCII (RFC 2045 §5.2); Dovecot lists it so, and so do we.
    const needsCharset = type === 'text' && parameterValue(parsed.parameters, 'charset') === undefined;
    // Dovecot writes message/rfc822 in lower case whatever the header said.
    if (type === 'message' && subtype === 'rfc822') written.splice(0, 2, type, subtype);
    return { type, subtype, written, parameters: needsCharset ? [...parsed.parameters, ['charset', 'us-ascii']] : parsed.parameters };
  }
  if (inDigest) return { type: 'message', subtype: 'rfc822', written: ['message', 'rfc822'], parameters: [] };
  return { ...TEXT_PLAIN, parameters: [...TEXT_PLAIN.parameters] };
}

/** Whether `raw[at…]` is `--boundary` followed by `--`, white space or a line end (a delimiter line). */
function isDelimiter(raw: Buffer, at: number, end: number, marker: Buffer): { close: boolean; next: number } | null {
  if (at + marker.length > end || raw.compare(marker, 0, marker.length, at, at + marker.length) !== 0) return null;
  let position = at + marker.length;
  const close = raw[position] === 0x2d && raw[position + 1] === 0x2d;
  if (close) position += 2;
  const lineFeed = raw.indexOf(LF, position);
  const lineEnd = lineFeed < 0 || lineFeed >= end ? end : lineFeed;
  // Only transport padding may follow the delimiter (RFC 2046 §5.1.1).
  for (let index = position; index < lineEnd; index++) {
    const byte = raw[index];
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) return null;
  }
  return { close, next: lineEnd < end ? lineEnd + 1 : end };
}

/**
 * Where a body part ends, given the start of the delimiter line after it: the line ending before a
 * delimiter belongs to the delimiter (RFC 2046 §5.1.1), except when it ends a nested multipart's
 * closing delimiter line, which Dovecot counts in the part; we count as it does.
 */
function partEndBefore(raw: Buffer, partStart: number, delimiterStart: number): number {
  if (delimiterStart <= partStart || raw[delimiterStart - 1] !== LF) return delimiterStart;
  const lineEnd = raw[delimiterStart - 2] === 0x0d && delimiterStart - 2 >= partStart ? delimiterStart - 2 : delimiterStart - 1;
  const previousLineStart = Math.max(partStart, raw.lastIndexOf(LF, lineEnd - 1) + 1);
  // only a line that starts with `--` can be a closing delimiter: most lines are read no further
  if (raw[previousLineStart] !== 0x2d || raw[previousLineStart + 1] !== 0x2d) return lineEnd;
  const previousLine = raw.toString('latin1', previousLineStart, lineEnd);
  return /^--\S.*--[ \t]*$/.test(previousLine) ? delimiterStart : lineEnd;
}

/**
 * Where each body part of a multipart body lies: `[start, end)` pairs. Delimiters are found with a
 * native search for `--boundary` in the entity's bytes (never past its end), and count only at the
 * start of a line: testing every line start was most of the MIME tree's cost.
 */
function splitMultipart(raw: Buffer, bodyStart: number, end: number, boundary: string): Array<[number, number]> {
  const marker = Buffer.from(`--${boundary}`, 'latin1');
  const entity = raw.subarray(0, end);
  const parts: Array<[number, number]> = [];
  let partStart = -1;
  for (let at = entity.indexOf(marker, bodyStart); at !== -1; ) {
    const atLineStart = at === bodyStart || raw[at - 1] === LF;
    const delimiter = atLineStart ? isDelimiter(raw, at, end, marker) : null;
    if (delimiter === null) {
      // nothing else on this line can start a delimiter: go on from the next line, so that a
      // line full of the marker costs one search, not one per occurrence
      const lineFeed = entity.indexOf(LF, at);
      at = lineFeed === -1 ? -1 : entity.indexOf(marker, lineFeed + 1);
      continue;
    }
    if (partStart >= 0) parts.push([partStart, partEndBefore(raw, partStart, at)]);
    if (delimiter.close) return parts;
    partStart = delimiter.next;
    at = entity.indexOf(marker, delimiter.next);
  }
  // No closing delimiter: the last part runs to the end, as Dovecot and mailparser read it.
  if (partStart >= 0) parts.push([partStart, end]);
  return parts;
}

function walk(state: WalkState, start: number, end: number, depth: number, inDigest: boolean): MimeEntity {
  state.entities++;
  const { fields, bodyStart } = scanHeader(state.raw, start, end);
  const { type, subtype, written, parameters } = contentType(state.raw, fields, inDigest);
  const entity: MimeEntity = { headerStart: start, bodyStart, end, fields, type, subtype, written, parameters, children: [], message: null };
  const overLimit = depth >= MAX_DEPTH || state.entities >= MAX_ENTITIES;
  if (entity.type === 'multipart') {
    const boundary = parameterValue(entity.parameters, 'boundary');
    const ranges = boundary && !overLimit ? splitMultipart(state.raw, entity.bodyStart, end, boundary) : [];
    for (const [partStart, partEnd] of ranges) {
      if (state.entities >= MAX_ENTITIES) break;
      entity.children.push(walk(state, partStart, partEnd, depth + 1, entity.subtype === 'digest'));
    }
    // A multipart without parts gets one empty text part at its end, since BODYSTRUCTURE needs one (Dovecot does the same).
    if (entity.children.length === 0) {
      entity.children.push({ headerStart: end, bodyStart: end, end, fields: [], ...TEXT_PLAIN, children: [], message: null });
    }
  } else if (entity.type === 'message' && entity.subtype === 'rfc822' && !overLimit) {
    entity.message = walk(state, entity.bodyStart, end, depth + 1, false);
  }
  return entity;
}

/**
 * Reads the MIME structure of a raw message (RFC 2045, RFC 2046): headers, media types, multipart
 * boundaries and encapsulated messages, with the octet offsets FETCH needs. Never throws; at most
 * 1,000 entities and 50 levels are read (deeper content stays inside its parent's bytes).
 *
 * @example
 * const root = parseMimeTree(raw);
 * raw.subarray(root.children[0].bodyStart, root.children[0].end); // BODY[1]
 */
export function parseMimeTree(raw: Buffer): MimeEntity {
  return walk({ raw, entities: 0 }, 0, raw.length, 0, false);
}

/**
 * The value of the first header field `name` (lower case) of an entity, or null.
 *
 * @example
 * entityField(raw, root, 'content-id'); // '<part1@example>'
 */
export function entityField(raw: Buffer, entity: MimeEntity, name: string): string | null {
  const field = entity.fields.find((candidate) => candidate.name === name);
  return field === undefined ? null : fieldValue(raw, field);
}
