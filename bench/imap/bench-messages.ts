/**
 * The messages both IMAP servers hold, byte for byte the same: a few templates (a ~4 KB plain
 * text notice, a ~4 KB multipart/alternative newsletter, a ~100 KB mail with a base64 PDF-like
 * attachment), each copy made unique by its own header block (Date, Message-ID, Subject number)
 * so neither server can share bytes between copies. Deterministic: the parent writes Dovecot's
 * Maildir and the posthouse child fills its store from the same function.
 */

const CRLF = '\r\n';

const paragraph =
  'Thank you for your order. Your parcel left our warehouse this morning and should arrive within ' +
  'three working days. You can follow it with the tracking link below at any time.';

function lines(count: number, make: (index: number) => string): string {
  return Array.from({ length: count }, (_, index) => make(index)).join(CRLF);
}

const plainBody = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', lines(20, (i) => `${i + 1}. ${paragraph}`), '-- ', 'The Example Shop team', ''].join(CRLF);

const alternativeBody = [
  'Content-Type: multipart/alternative; boundary="=_bench_alt"',
  '',
  '--=_bench_alt',
  'Content-Type: text/plain; charset=utf-8',
  '',
  lines(8, (i) => `${paragraph} (${i})`),
  '--=_bench_alt',
  'Content-Type: text/html; charset=utf-8',
  '',
  lines(10, (i) => `<p class="l${i}">${paragraph} <a href="https://shop.example.test/t/${i}">Track</a></p>`),
  '--=_bench_alt--',
  '',
].join(CRLF);

/** ~100 KB: a short text part and a base64 attachment in 76-column lines (RFC 2045 §6.8). */
function attachmentBody(): string {
  const raw = Buffer.alloc(72 * 1024);
  for (let index = 0; index < raw.length; index += 1) raw[index] = (index * 2654435761) >>> 24;
  const base64 = raw.toString('base64').match(/.{1,76}/g)!.join(CRLF);
  return [
    'Content-Type: multipart/mixed; boundary="=_bench_mixed"',
    '',
    '--=_bench_mixed',
    'Content-Type: text/plain; charset=utf-8',
    '',
    paragraph,
    '--=_bench_mixed',
    'Content-Type: application/pdf; name="invoice.pdf"',
    'Content-Disposition: attachment; filename="invoice.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    base64,
    '--=_bench_mixed--',
    '',
  ].join(CRLF);
}

/** The kinds of message a mailbox is filled with. */
export type MessageKind = 'small' | 'large';

const bodies: Record<MessageKind, Buffer[]> = {
  small: [Buffer.from(plainBody), Buffer.from(alternativeBody)],
  large: [Buffer.from(attachmentBody())],
};

const BASE_DATE = Date.UTC(2026, 0, 1);

/**
 * Copy number `index` of a message of `kind`: its own headers, then the shared body.
 *
 * @example
 * benchMessage('small', 0).length; // ~4 KB
 */
export function benchMessage(kind: MessageKind, index: number): Buffer {
  const date = new Date(BASE_DATE + index * 60_000);
  const headers = [
    `Return-Path: <shop@example.test>`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `From: Example Shop <shop@example.test>`,
    `To: Bench User <bench@bench.test>`,
    `Subject: Your order ${kind} #${index} has shipped`,
    `Message-ID: <${kind}.${index}@bench.posthouse.test>`,
    'MIME-Version: 1.0',
    '',
  ].join(CRLF);
  const templates = bodies[kind];
  return Buffer.concat([Buffer.from(headers), templates[index % templates.length]!]);
}

/** The internal date given to copy `index` (both servers get the same). */
export function benchDate(index: number): Date {
  return new Date(BASE_DATE + index * 60_000);
}
