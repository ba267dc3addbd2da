/** A MIME entity split into its unfolded header fields and its body (both latin1 text). */
export interface MimeEntity {
  /** Field name (lower case) to values, in order. */
  headers: Map<string, string[]>;
  body: string;
}

/** Reads header fields (RFC 5322 §2.2), unfolding continuation lines. */
export function parseFields(block: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** Splits a message or body part at its first blank line. */
export function parseEntity(text: string): MimeEntity {
  const match = /\r?\n\r?\n/.exec(text);
  if (match === null) return { headers: parseFields(text), body: '' };
  return { headers: parseFields(text.slice(0, match.index)), body: text.slice(match.index + match[0].length) };
}

/** The media type (lower case) and parameters of a Content-Type value (RFC 2045 §5.1). */
export function contentTypeOf(entity: MimeEntity): { type: string; params: Map<string, string> } {
  const value = entity.headers.get('content-type')?.[0] ?? 'text/plain';
  const [type = '', ...rest] = value.split(';');
  const params = new Map<string, string>();
  for (const match of rest.join(';').matchAll(/([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/g)) {
    params.set(match[1]!.toLowerCase(), (match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return { type: type.trim().toLowerCase(), params };
}

/** The body parts of a multipart body (RFC 2046 §5.1.1), preamble and epilogue dropped. */
export function multipartParts(body: string, boundary: string): MimeEntity[] {
  const delimiter = `--${boundary}`;
  const parts: MimeEntity[] = [];
  const lines = body.split(/\r?\n/);
  let current: string[] | null = null;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === delimiter || trimmed === `${delimiter}--`) {
      if (current !== null) parts.push(parseEntity(current.join('\r\n')));
      if (trimmed !== delimiter) return parts;
      current = [];
    } else if (current !== null) {
      current.push(line);
    }
  }
  if (current !== null) parts.push(parseEntity(current.join('\r\n')));
  return parts;
}

/** A part's body with its Content-Transfer-Encoding undone (base64 and quoted-printable). */
export function decodedBody(entity: MimeEntity): string {
  const encoding = (entity.headers.get('content-transfer-encoding')?.[0] ?? '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64').toString('latin1');
  if (encoding === 'quoted-printable') {
    return entity.body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return entity.body;
}
