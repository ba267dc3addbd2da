/** Hostile messages for end-to-end tests, each built in memory, CRLF throughout. */

const crlf = (lines: string[]): Buffer => Buffer.from(lines.map((line) => `${line}\r\n`).join(''), 'latin1');

/** One header field of `bytes` octets on a single line. */
export function hugeHeaderLine(bytes: number): Buffer {
  return crlf([`Subject: huge`, `X-Huge: ${'a'.repeat(bytes)}`, '', 'body']);
}

/** `count` short header fields (8 octets each, so 20,000 stay under the 256 KiB header limit). */
export function manyHeaderFields(count: number): Buffer {
  return crlf(['Subject: many fields', ...Array.from({ length: count }, (_, index) => `X-F: ${index % 10}`), '', 'body']);
}

/** One multipart/mixed with `count` small text parts. */
export function manyMimeParts(count: number): Buffer {
  const parts = Array.from({ length: count }, (_, index) => [`--p`, 'Content-Type: text/plain', '', `part ${index}`]).flat();
  return crlf(['Subject: many parts', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="p"', '', ...parts, '--p--']);
}

/** Multiparts nested `depth` deep around one text part. */
export function deeplyNestedMultipart(depth: number): Buffer {
  const opening = Array.from({ length: depth - 1 }, (_, level) => [`--d${level}`, `Content-Type: multipart/mixed; boundary="d${level + 1}"`, '']).flat();
  const closing = Array.from({ length: depth }, (_, level) => `--d${depth - 1 - level}--`);
  const innermost = [`--d${depth - 1}`, 'Content-Type: text/plain', '', 'innermost'];
  return crlf(['Subject: deep', 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="d0"', '', ...opening, ...innermost, ...closing]);
}

/** NUL bytes in a header and in the body. */
export function withNulBytes(): Buffer {
  return Buffer.concat([Buffer.from('Subject: nul\x00inside\r\nX-Nul: \x00\x00\r\n\r\n', 'latin1'), Buffer.from([0x41, 0x00, 0x42, 0x00, 0x0d, 0x0a])]);
}

/** Encoded-words (RFC 2047) that are malformed in every way a decoder can trip on. */
export function brokenEncodedWords(): Buffer {
  return crlf([
    'Subject: =?utf-8?q?broken=ZZ=?= =?no-such-charset?b?aGk=?= =?utf-8?b?////?= =?utf-8?x?what?= =?utf-8?q?unterminated',
    'From: =?utf-8?b?@@@?= <broken@client.test>',
    'To: =?iso-8859-1?q?=E9?= <x@client.test>',
    '',
    'body',
  ]);
}

/** Bytes that are not UTF-8 (a lone continuation byte, an overlong form, 0xFF) in headers and body. */
export function invalidUtf8(): Buffer {
  const bad = Buffer.from([0x80, 0xc0, 0xaf, 0xff, 0xfe, 0xed, 0xa0, 0x80]);
  return Buffer.concat([Buffer.from('Subject: bad '), bad, Buffer.from('\r\nFrom: '), bad, Buffer.from(' <bad@client.test>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'), bad, Buffer.from('\r\n')]);
}
