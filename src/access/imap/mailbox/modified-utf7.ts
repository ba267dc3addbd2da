/**
 * Modified UTF-7 (RFC 3501 §5.1.3), the mailbox-name encoding of IMAP4rev1 clients that have not
 * enabled UTF8=ACCEPT: printable ASCII stands for itself except `&`, written `&-`; everything else
 * is UTF-16 in modified base64 (`,` for `/`, no padding) between `&` and `-`.
 */

/**
 * Encodes a Unicode mailbox name.
 *
 * @example
 * encodeModifiedUtf7('Entwürfe') // 'Entw&APw-rfe'
 */
export function encodeModifiedUtf7(name: string): string {
  let encoded = '';
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    const utf16 = Buffer.alloc(pending.length * 2);
    for (let index = 0; index < pending.length; index++) utf16.writeUInt16BE(pending.charCodeAt(index), index * 2);
    encoded += `&${utf16.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = '';
  };
  for (const char of name) {
    const code = char.charCodeAt(0);
    if (code >= 0x20 && code <= 0x7e) {
      flush();
      encoded += char === '&' ? '&-' : char;
    } else pending += char;
  }
  flush();
  return encoded;
}

/**
 * Decodes a modified UTF-7 mailbox name; null when it is not valid modified UTF-7 (bad base64,
 * an unterminated shift, a shifted run that holds printable ASCII or odd bytes).
 *
 * @example
 * decodeModifiedUtf7('Entw&APw-rfe') // 'Entwürfe'
 */
export function decodeModifiedUtf7(encoded: string): string | null {
  let decoded = '';
  let index = 0;
  while (index < encoded.length) {
    const char = encoded[index]!;
    const code = char.charCodeAt(0);
    if (code < 0x20 || code > 0x7e) return null;
    if (char !== '&') {
      decoded += char;
      index++;
      continue;
    }
    const end = encoded.indexOf('-', index + 1);
    if (end < 0) return null;
    const run = encoded.slice(index + 1, end);
    index = end + 1;
    if (run === '') {
      decoded += '&';
      continue;
    }
    if (!/^[A-Za-z0-9+,]+$/.test(run) || run.length % 4 === 1) return null;
    const bytes = Buffer.from(run.replace(/,/g, '/'), 'base64');
    if (bytes.length % 2 !== 0 || bytes.length === 0) return null;
    let text = '';
    for (let offset = 0; offset < bytes.length; offset += 2) text += String.fromCharCode(bytes.readUInt16BE(offset));
    if (/[\x20-\x7e]/.test(text) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) return null;
    decoded += text;
  }
  return decoded;
}
