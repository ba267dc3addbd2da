/** One header field as it appears in the message. */
export interface HeaderField {
  /** Field name, lower case. */
  name: string;
  /** Field body, unfolded (RFC 5322 §2.2.3), trimmed, encoded words left as written. */
  value: string;
}

/** What {@link readHeaderSection} found. */
export interface HeaderSection {
  fields: HeaderField[];
  /**
   * Octets of the header section, up to and including the blank line. Without a blank line the
   * whole message is header (RFC 5322 §2.1: the body is optional); when a limit stopped the scan,
   * it is where the scan stopped.
   */
  headerLength: number;
  /** Whether a limit stopped the scan before the header section ended. */
  truncated: boolean;
}

/** Bounds of one scan. */
export interface HeaderSectionLimits {
  /** Octets to scan at most. Default 1 MiB. */
  maxBytes?: number;
  /** Fields to collect at most. Default 10,000. */
  maxFields?: number;
}

const DEFAULT_MAX_BYTES = 1024 * 1024;
const DEFAULT_MAX_FIELDS = 10_000;
const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

/**
 * Reads the header fields of a raw message without a MIME parser: one linear pass over at most
 * `maxBytes` octets, for the delivery hot path. CRLF and bare LF both end a line; a line that is
 * neither a field nor a continuation (an mbox `From ` line, garbage) is skipped; values are decoded
 * as UTF-8 (RFC 6532), invalid octets becoming U+FFFD.
 *
 * @example
 * readHeaderSection(Buffer.from('Subject: hi\r\n there\r\n\r\nbody')).fields;
 * // [{ name: 'subject', value: 'hi there' }]
 */
export function readHeaderSection(raw: Buffer, limits: HeaderSectionLimits = {}): HeaderSection {
  const maxFields = limits.maxFields ?? DEFAULT_MAX_FIELDS;
  const scanned = raw.subarray(0, Math.min(raw.length, limits.maxBytes ?? DEFAULT_MAX_BYTES));
  const fields: HeaderField[] = [];
  // the field being read: its name, and its value so far (a string while it is one line)
  let name: string | null = null;
  let value: string | string[] = '';

  let position = 0;
  let headerLength = -1;
  let truncated = false;
  while (position < raw.length) {
    const lineFeed = scanned.indexOf(LF, position);
    if (lineFeed < 0 && scanned.length < raw.length) {
      headerLength = position;
      truncated = true;
      break;
    }
    const next = lineFeed < 0 ? scanned.length : lineFeed + 1;
    const end = lineFeed > position && scanned[lineFeed - 1] === CR ? lineFeed - 1 : lineFeed < 0 ? scanned.length : lineFeed;
    if (end === position) {
      headerLength = next;
      break;
    }

    const first = scanned[position];
    if (first === 0x20 || first === 0x09) {
      if (name !== null) {
        const piece = scanned.toString('utf8', position, end);
        if (typeof value === 'string') value = [value, piece];
        else value.push(piece);
      }
    } else {
      if (name !== null) fields.push({ name, value: joined(value) });
      name = null;
      const colon = fieldColon(scanned, position, end);
      if (colon >= 0) {
        if (fields.length >= maxFields) {
          headerLength = position;
          truncated = true;
          break;
        }
        name = scanned.toString('latin1', position, colon).trimEnd().toLowerCase();
        value = scanned.toString('utf8', colon + 1, end);
      }
    }
    position = next;
  }
  if (name !== null) fields.push({ name, value: joined(value) });
  return { fields, headerLength: headerLength < 0 ? position : headerLength, truncated };
}

/** A field's value from its lines, trimmed: most fields are one line and need no join. */
function joined(value: string | string[]): string {
  return (typeof value === 'string' ? value : value.join('')).trim();
}

/** RFC 5322 §3.6.8 `ftext`: printable ASCII but colon. */
function isFieldNameOctet(octet: number): boolean {
  return octet >= 0x21 && octet <= 0x7e && octet !== COLON;
}

/** White space that may stand between a field name and its colon: what `trimEnd()` removes of Latin-1 text. */
function isSpaceBeforeColon(octet: number): boolean {
  return octet === 0x20 || (octet >= 0x09 && octet <= 0x0d) || octet === 0xa0;
}

/**
 * Where the colon of a field line `raw[start, end)` is, or -1 when the line is no field: a name of
 * `ftext`, then only white space before the colon. Read octet by octet, so a line that is no field
 * is given up at its first octet that cannot be part of one. Both header scanners (this one and
 * `scanHeader`) decide what is a field line with it.
 */
export function fieldColon(raw: Buffer, start: number, end: number): number {
  let index = start;
  while (index < end && isFieldNameOctet(raw[index]!)) index++;
  if (index === start) return -1;
  while (index < end && isSpaceBeforeColon(raw[index]!)) index++;
  return index < end && raw[index] === COLON ? index : -1;
}

/**
 * The value of the first field called `name` (lower case), or undefined.
 *
 * @example
 * headerValue(readHeaderSection(raw).fields, 'subject');
 */
export function headerValue(fields: readonly HeaderField[], name: string): string | undefined {
  return fields.find((field) => field.name === name)?.value;
}
