/** A MIME header value split into its leading value and its parameters (RFC 2045 §5.1, RFC 2183). */
export interface ParameterisedValue {
  /** The value before the first `;` as written, comments and white space removed (`text/plain`, `attachment`). */
  value: string;
  /** Parameters in order of appearance, names as written (compare them case-insensitively), quoted values unquoted. */
  parameters: Array<[string, string]>;
}

const QUOTE = 0x22;
const SEMICOLON = 0x3b;
const BACKSLASH = 0x5c;

/** Removes RFC 5322 comments outside quoted strings; nested comments are honoured. */
function stripComments(text: string): string {
  if (!text.includes('(')) return text;
  let output = '';
  let depth = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (char === '\\' && (quoted || depth > 0)) {
      if (depth === 0) output += char + (text[index + 1] ?? '');
      index++;
    } else if (quoted) {
      output += char;
      if (char === '"') quoted = false;
    } else if (char === '(') depth++;
    else if (char === ')' && depth > 0) depth--;
    else if (depth === 0) {
      if (char === '"') quoted = true;
      output += char;
    }
  }
  return output;
}

/** Splits at `;` outside quoted strings; an escaped character in a quoted string is kept as written. */
function splitParameters(text: string): string[] {
  if (!text.includes('"')) return text.split(';');
  const pieces: string[] = [];
  let pieceStart = 0;
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === BACKSLASH && quoted) index++;
    else if (code === QUOTE) quoted = !quoted;
    else if (code === SEMICOLON && !quoted) {
      pieces.push(text.slice(pieceStart, index));
      pieceStart = index + 1;
    }
  }
  pieces.push(text.slice(pieceStart));
  return pieces;
}

function unquote(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length < 2 || !trimmed.startsWith('"') || !trimmed.endsWith('"')) return trimmed;
  const inner = trimmed.slice(1, -1);
  return inner.includes('\\') ? inner.replace(/\\(.)/g, '$1') : inner;
}

/**
 * Joins RFC 2231 §3 continuations (`title*0*`, `title*1*`) into one parameter, named `title*` when
 * any segment is encoded, `title` otherwise, where the first segment stood (as Dovecot reports them).
 */
function joinContinuations(parameters: Array<[string, string]>): Array<[string, string]> {
  // a continuation's name holds a `*`; most parameter lists have none and are kept as they are
  if (!parameters.some(([name]) => name.includes('*'))) return parameters;
  const joined: Array<[string, string]> = [];
  const continued = new Map<string, { index: number; segments: Array<[number, string]>; encoded: boolean }>();
  for (const [name, value] of parameters) {
    const match = /^(.+)\*(\d+)(\*?)$/.exec(name);
    // Segments of one parameter may differ in case (`Title*0`, `TITLE*1`); they are one parameter.
    if (match === null) {
      joined.push([name, value]);
      continue;
    }
    const base = match[1]!.toLowerCase();
    let entry = continued.get(base);
    if (entry === undefined) {
      entry = { index: joined.length, segments: [], encoded: false };
      continued.set(base, entry);
      joined.push([base, '']);
    }
    entry.segments.push([Number(match[2]), value]);
    if (match[3] === '*') entry.encoded = true;
  }
  for (const [base, entry] of continued) {
    const value = entry.segments.sort((a, b) => a[0] - b[0]).map(([, segment]) => segment).join('');
    joined[entry.index] = [entry.encoded ? `${base}*` : base, value];
  }
  return joined;
}

/**
 * Parses `Content-Type` or `Content-Disposition` (RFC 2045 §5.1, RFC 2183 §2): never throws; a
 * parameter without `=` is dropped, as Dovecot drops it.
 *
 * @example
 * parseParameterised('Text/Plain; charset="utf-8" (comment)');
 * // { value: 'Text/Plain', parameters: [['charset', 'utf-8']] }
 */
export function parseParameterised(header: string): ParameterisedValue {
  const pieces = splitParameters(stripComments(header));
  const parameters: Array<[string, string]> = [];
  for (let index = 1; index < pieces.length; index++) {
    const piece = pieces[index]!;
    const equals = piece.indexOf('=');
    if (equals <= 0) continue;
    const name = piece.slice(0, equals).trim();
    if (name !== '') parameters.push([name, unquote(piece.slice(equals + 1))]);
  }
  return { value: pieces[0]!.trim().replace(/\s+/g, ''), parameters: joinContinuations(parameters) };
}

/**
 * The value of parameter `name` (lower case), matched case-insensitively, or undefined.
 *
 * @example
 * parameterValue([['Charset', 'UTF-8']], 'charset'); // 'UTF-8'
 */
export function parameterValue(parameters: ReadonlyArray<[string, string]>, name: string): string | undefined {
  for (const [candidate, value] of parameters) if (candidate.toLowerCase() === name) return value;
  return undefined;
}
