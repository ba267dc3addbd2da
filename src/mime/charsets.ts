import iconv from 'iconv-lite';
import { TextDecoder } from 'node:util';

/**
 * Labels read as their WHATWG supersets (Encoding Standard §4.2), as browsers and mailparser read
 * them: mail labelled Latin-1 or GB2312 is in practice Windows-1252 or GBK.
 */
const SUPERSETS: Record<string, string> = { 'iso-8859-1': 'windows-1252', latin1: 'windows-1252', 'us-ascii': 'windows-1252', gb2312: 'gbk' };

/** A WHATWG decoder for `charset` (Node's ICU knows ISO-2022-JP and others iconv-lite lacks), or null. */
function webDecoder(charset: string): TextDecoder | null {
  try {
    return new TextDecoder(charset);
  } catch {
    return null;
  }
}

/**
 * Converts text in `charset` (RFC 2046 §4.1.2) to a JavaScript string with iconv-lite (Latin-1 and
 * GB2312 read as their supersets), or with the
 * platform's WHATWG decoders for charsets iconv-lite does not know (ISO-2022-JP). Null for UTF-7,
 * which is refused as mailparser refuses it (it can smuggle markup past filters that look for `<`),
 * and for a charset neither knows.
 *
 * @example
 * decodeCharset(Buffer.from([0xe9]), 'iso-8859-1'); // 'é'
 */
export function decodeCharset(bytes: Buffer, charset: string): string | null {
  const name = SUPERSETS[charset.trim().toLowerCase()] ?? charset.trim();
  if (/^utf-?7/i.test(name)) return null;
  if (iconv.encodingExists(name)) return iconv.decode(bytes, name);
  return webDecoder(name)?.decode(bytes) ?? null;
}
