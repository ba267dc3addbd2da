/** Hostile messages shared by the mime tests. Each is built in memory, in linear time. */

const HEAD = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: hostile\r\n';

/** Multipart nested `depth` deep, one text part at the bottom. */
export function deeplyNested(depth: number): Buffer {
  const pieces = [HEAD];
  for (let level = 0; level < depth; level++) pieces.push(`Content-Type: multipart/mixed; boundary="b${level}"\r\n\r\n--b${level}\r\n`);
  pieces.push('Content-Type: text/plain\r\n\r\nbottom\r\n');
  for (let level = depth - 1; level >= 0; level--) pieces.push(`--b${level}--\r\n`);
  return Buffer.from(pieces.join(''));
}

/** One multipart/mixed with `count` attachments. */
export function manyParts(count: number): Buffer {
  const pieces = [`${HEAD}Content-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nfirst\r\n`];
  for (let part = 0; part < count; part++) {
    pieces.push(`--x\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename="f${part}.bin"\r\n\r\nAAAA\r\n`);
  }
  pieces.push('--x--\r\n');
  return Buffer.from(pieces.join(''));
}

/** The hostile inputs every parser must survive, by name. */
export function hostileMessages(): Record<string, Buffer> {
  return {
    'a 1 MB header line': Buffer.from(`${HEAD}X-Long: ${'a'.repeat(1024 * 1024)}\r\n\r\nbody\r\n`),
    'a 1 MB subject': Buffer.from(`Subject: ${'s'.repeat(1024 * 1024)}\r\n\r\nbody\r\n`),
    '20,000 header fields': Buffer.from(`${HEAD}${Array.from({ length: 20_000 }, (_, index) => `X-Field-${index}: value ${index}\r\n`).join('')}\r\nbody\r\n`),
    '10,000 MIME parts': manyParts(10_000),
    'multipart nested 5,000 deep': deeplyNested(5_000),
    'no blank line at all': Buffer.from(Array.from({ length: 5_000 }, (_, index) => `X-Field-${index}: v\r\n`).join('')),
    'bare LF line endings': Buffer.from('From: a@example.com\nSubject: lf\n\nbody\n'),
    'NUL bytes': Buffer.from('From: a@exa\0mple.com\r\nSubject: n\0l\r\nX\0Y: z\r\n\r\nbo\0dy\0\r\n'),
    'broken base64 encoded word': Buffer.from('Subject: =?utf-8?B?!!!?=\r\n\r\nbody\r\n'),
    'unknown charset encoded word': Buffer.from('Subject: =?x-nope?Q?a?=\r\nFrom: =?x-nope?Q?a?= <a@example.com>\r\n\r\nbody\r\n'),
    'unknown body charset': Buffer.from('Subject: c\r\nContent-Type: text/plain; charset=x-nope\r\n\r\nbody\r\n'),
    'invalid UTF-8': Buffer.concat([Buffer.from('Subject: '), Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xed, 0xa0, 0x80]), Buffer.from('\r\n\r\n'), Buffer.from([0xf0, 0x28, 0x8c, 0x28, 0x0a])]),
    'empty message': Buffer.alloc(0),
    'only a blank line': Buffer.from('\r\n'),
    'garbage bytes': Buffer.from(Array.from({ length: 100_000 }, (_, index) => (index * 7919) % 256)),
    'unclosed boundary with huge preamble': Buffer.from(`${HEAD}Content-Type: multipart/mixed; boundary=z\r\n\r\n${'p'.repeat(500_000)}\r\n--z\r\n`),
    'HTML of 100,000 unclosed tags': Buffer.from(`${HEAD}Content-Type: text/html\r\n\r\n${'<div'.repeat(100_000)}\r\n`),
    'HTML nested 100,000 deep': Buffer.from(`${HEAD}Content-Type: text/html\r\n\r\n${'<div>'.repeat(100_000)}x\r\n`),
  };
}
