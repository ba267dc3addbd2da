import iconv from 'iconv-lite';
import { readHeaderSection, headerValue } from './header-section.js';
import { htmlSnippetText } from './html-text.js';

/** One part of a message, its content decoded to text. */
export interface BodyPart {
  /** `type/subtype`, lower case; `text/plain` when the part says nothing (RFC 2045 §5.2). */
  contentType: string;
  /** Transfer encoding undone, charset converted to a JavaScript string. */
  text: string;
}

/** Bounds of one walk. */
export interface BodyPartLimits {
  maxDepth?: number;
  maxParts?: number;
}

/** The value of parameter `name` in a structured header value (RFC 2045 §5.1). */
function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, 'i').exec(value);
  return match === null ? undefined : (match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1');
}

function decodeTransfer(body: Buffer, encoding: string): Buffer {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
    case 'quoted-printable':
      return Buffer.from(
        body
          .toString('latin1')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      );
    default:
      return body;
  }
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  const name = (charset ?? 'us-ascii').toLowerCase();
  if (name === 'us-ascii' || name === 'utf-8' || name === 'utf8' || /^utf-?7/.test(name) || !iconv.encodingExists(name)) return bytes.toString('utf8');
  return iconv.decode(bytes, name);
}

/** The preamble and epilogue of a multipart body (RFC 2046 §5.1.1), which `body :content "multipart"` sees (RFC 5173 §5.2). */
function outsideParts(body: Buffer, boundary: string): string {
  const text = body.toString('utf8');
  const delimiter = `--${boundary}`;
  const first = text.startsWith(delimiter) ? 0 : text.indexOf(`\n${delimiter}`);
  const preamble = first < 0 ? text : text.slice(0, first);
  const closing = text.indexOf(`${delimiter}--`);
  const epilogueStart = closing < 0 ? -1 : text.indexOf('\n', closing);
  return preamble + (epilogueStart < 0 ? '' : text.slice(epilogueStart + 1));
}

/** Splits a multipart body at its boundary lines (RFC 2046 §5.1.1); preamble and epilogue dropped. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  const parts: Buffer[] = [];
  let start = -1;
  let index = text.startsWith(delimiter) ? 0 : text.indexOf(`\n${delimiter}`);
  while (index >= 0) {
    const lineStart = index === 0 && text.startsWith(delimiter) ? 0 : index + 1;
    const afterDelimiter = lineStart + delimiter.length;
    if (start >= 0) parts.push(Buffer.from(text.slice(start, index > 0 && text[index - 1] === '\r' ? index - 1 : index), 'latin1'));
    if (text.startsWith('--', afterDelimiter)) return parts;
    const lineEnd = text.indexOf('\n', afterDelimiter);
    if (lineEnd < 0) return parts;
    start = lineEnd + 1;
    index = text.indexOf(`\n${delimiter}`, start - 1);
  }
  if (start >= 0) parts.push(Buffer.from(text.slice(start), 'latin1'));
  return parts;
}

/**
 * The parts of a message with their content decoded to text (a multipart gives its preamble and
 * epilogue, then its children): multiparts walked (RFC 2046
 * §5.1), `message/rfc822` entered, transfer encodings undone (RFC 2045 §6), charsets converted
 * with iconv-lite. Bounded in depth and part count; never throws.
 *
 * @example
 * bodyParts(raw).filter((part) => part.contentType === 'text/html');
 */
export function bodyParts(raw: Buffer, limits: BodyPartLimits = {}): BodyPart[] {
  const maxDepth = limits.maxDepth ?? 10;
  const maxParts = limits.maxParts ?? 200;
  const found: BodyPart[] = [];
  const walk = (entity: Buffer, depth: number): void => {
    if (found.length >= maxParts) return;
    const section = readHeaderSection(entity);
    const contentTypeValue = headerValue(section.fields, 'content-type') ?? 'text/plain';
    const contentType = (/^\s*([^;\s]+)/.exec(contentTypeValue)?.[1] ?? 'text/plain').toLowerCase();
    const body = entity.subarray(section.headerLength);
    const boundary = parameter(contentTypeValue, 'boundary');
    if (contentType.startsWith('multipart/') && boundary !== undefined && depth < maxDepth) {
      found.push({ contentType, text: outsideParts(body, boundary) });
      for (const part of splitMultipart(body, boundary)) walk(part, depth + 1);
      return;
    }
    if (contentType === 'message/rfc822' && depth < maxDepth) {
      walk(body, depth + 1);
      return;
    }
    const decoded = decodeTransfer(body, headerValue(section.fields, 'content-transfer-encoding') ?? '7bit');
    found.push({ contentType, text: decodeCharset(decoded, parameter(contentTypeValue, 'charset')) });
  };
  try {
    walk(raw, 0);
  } catch {
    // A part the walk cannot read leaves what was found so far.
  }
  return found;
}

/** The text a reader sees of an HTML part, for body `:text` (RFC 5173 §5.2). */
export function htmlText(html: string): string {
  return htmlSnippetText(html).replace(/[ \t]+/g, ' ');
}
