import { fieldColon } from './header-section.js';

/** One header field with where its bytes lie, for FETCH `HEADER.FIELDS` (RFC 9051 §6.4.5). */
export interface RawHeaderField {
  /** Field name, lower case. */
  name: string;
  /** Offset of the field's first octet. */
  start: number;
  /** Offset just past the colon after its name: where its value begins. */
  valueStart: number;
  /** Offset just past the field's last line ending (continuation lines included). */
  end: number;
}

/** The header section of one entity (message or body part), with octet offsets. */
export interface RawHeader {
  fields: RawHeaderField[];
  /** Offset just past the blank line ending the header section (or the end of the entity). */
  bodyStart: number;
}

const LF = 0x0a;
const CR = 0x0d;

/**
 * Scans the header section of the entity `raw[start, end)`: one linear pass, CRLF or bare LF line
 * endings, lines that are neither fields nor continuations skipped. At most `maxFields` fields are
 * kept, so a hostile header cannot grow memory without bound.
 *
 * @example
 * scanHeader(Buffer.from('A: 1\r\n\r\nbody'), 0, 12).bodyStart; // 8
 */
export function scanHeader(raw: Buffer, start: number, end: number, maxFields = 10_000): RawHeader {
  const fields: RawHeaderField[] = [];
  let position = start;
  while (position < end) {
    const lineFeed = raw.indexOf(LF, position);
    const next = lineFeed < 0 || lineFeed >= end ? end : lineFeed + 1;
    const contentEnd = next > position && raw[next - 1] === LF ? (next - 2 >= position && raw[next - 2] === CR ? next - 2 : next - 1) : next;
    if (contentEnd === position && next > position && raw[next - 1] === LF) return { fields, bodyStart: next };
    const first = raw[position];
    const last = fields[fields.length - 1];
    if ((first === 0x20 || first === 0x09) && last !== undefined && last.end === position) {
      last.end = next;
    } else {
      const colon = fieldColon(raw, position, contentEnd);
      if (colon >= 0 && fields.length < maxFields) {
        fields.push({ name: raw.toString('latin1', position, colon).trimEnd().toLowerCase(), start: position, valueStart: colon + 1, end: next });
      }
    }
    position = next;
  }
  return { fields, bodyStart: end };
}

/**
 * The unfolded value of one field (RFC 5322 §2.2.3), decoded as UTF-8 (RFC 6532), trimmed.
 *
 * @example
 * fieldValue(raw, field); // 'multipart/mixed; boundary="x"'
 */
export function fieldValue(raw: Buffer, field: RawHeaderField): string {
  // No multi-octet sequence can swallow the colon (UTF-8 never uses 0x3a inside one), so
  // decoding from just past it gives what decoding the whole field and cutting there would.
  const value = raw.toString('utf8', field.valueStart, field.end);
  // A field on one line, the usual case, has only its own line ending to drop, which trim() does.
  const lineFeed = value.indexOf('\n');
  if (lineFeed < 0 || lineFeed === value.length - 1) return value.trim();
  return value.replace(/\r?\n/g, '').trim();
}

/**
 * The occurrences of the fields named in `names` (lower case), in header order, gathered in one
 * pass over `fields`: for renderers that show several fields of one header (ENVELOPE,
 * BODYSTRUCTURE), instead of one search of the header per field.
 *
 * @example
 * const found = fieldsNamed(entity.fields, new Set(['content-id', 'content-md5']));
 * found.get('content-id')?.[0]; // the first Content-ID field, if any
 */
export function fieldsNamed(fields: readonly RawHeaderField[], names: ReadonlySet<string>): Map<string, RawHeaderField[]> {
  const found = new Map<string, RawHeaderField[]>();
  for (const field of fields) {
    if (!names.has(field.name)) continue;
    const occurrences = found.get(field.name);
    if (occurrences === undefined) found.set(field.name, [field]);
    else occurrences.push(field);
  }
  return found;
}
