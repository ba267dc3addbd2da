import { decodeCharset } from './charsets.js';

/** `=?charset?B|Q?text?=` (RFC 2047 §2); charset may carry an RFC 2231 §5 language (`utf-8*en`). */
const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([BbQq])\?([^?\s]*)\?=/g;
/** White space between two encoded words is not part of the text (RFC 2047 §6.2). */
const BETWEEN_WORDS = /(\?=)[ \t\r\n]+(?==\?[^?\s]+\?[BbQq]\?)/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeOne(word: string, charset: string, encoding: string, text: string): string {
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'B') {
    if (!BASE64.test(text)) return word;
    bytes = Buffer.from(text, 'base64');
  } else {
    // RFC 2047 §4.2: `_` is a space, `=XX` an octet; a broken escape is kept as written.
    const octets = text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    bytes = Buffer.from(octets, 'latin1');
  }
  return decodeCharset(bytes, charset) ?? word;
}

/**
 * Decodes the RFC 2047 encoded words of an unstructured header value, with any charset
 * {@link decodeCharset} knows (UTF-7 is refused). A word that cannot be decoded (unknown charset,
 * broken base64) is kept as written, so a reader still sees something: never throws.
 *
 * @example
 * decodeEncodedWords('=?utf-8?Q?caf=C3=A9?= =?utf-8?B?IG5vaXI=?='); // 'café noir'
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return value;
  return value
    .replace(BETWEEN_WORDS, '$1')
    .replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) => decodeOne(word, charset, encoding, text));
}
