/**
 * The ~10 KB message the load client sends: a realistic multipart/alternative (text + HTML) with
 * the headers a mail client writes. The body is built once; each message only gets its own header
 * block (unique Message-ID carrying a token), so generating load costs almost no CPU.
 */

const CRLF = '\r\n';

/** One message as the receiver must store it, and as it travels on the wire. */
export interface LoadMessage {
  /** Unique per message; the Message-ID is `<token@load.posthouse.test>`. */
  token: string;
  /** The message bytes (CRLF line endings, not dot-stuffed): what the store must hold. */
  content: Buffer;
  /** The DATA payload: dot-stuffed (RFC 5321 §4.5.2) and terminated by `CRLF.CRLF`. */
  wire: Buffer;
}

const BOUNDARY = '=_posthouse_load_7f3a9c';

const paragraph =
  'Thank you for your order. Your parcel left our warehouse this morning and should arrive within ' +
  'three working days. You can follow it with the tracking link below at any time.';

/** Lines starting with a dot, so dot-stuffing is exercised on every message. */
const dotLines = ['.signature follows', '..double dot line', '.'];

function textPart(): string {
  const lines: string[] = [];
  for (let index = 0; index < 14; index += 1) lines.push(`${index + 1}. ${paragraph}`, '');
  lines.push(...dotLines, '-- ', 'The Example Shop team');
  return lines.join(CRLF);
}

function htmlPart(): string {
  const rows: string[] = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8"><title>Your order</title></head>', '<body style="font-family: sans-serif">'];
  for (let index = 0; index < 26; index += 1) {
    rows.push(`<p class="line-${index}">${paragraph} <a href="https://shop.example.test/track/${index}">Track</a></p>`);
  }
  rows.push('</body></html>');
  return rows.join(CRLF);
}

/** Everything after the per-message headers; built once. */
const sharedBody = Buffer.from(
  [
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative; boundary="${BOUNDARY}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${BOUNDARY}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    textPart(),
    `--${BOUNDARY}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    htmlPart(),
    `--${BOUNDARY}--`,
    '',
  ].join(CRLF),
  'utf8',
);

const sharedBodyStuffed = dotStuff(sharedBody);
const endOfData = Buffer.from(`.${CRLF}`, 'latin1');

/** Doubles a leading dot on every line (RFC 5321 §4.5.2). The input must end with CRLF. */
export function dotStuff(content: Buffer): Buffer {
  const text = content.toString('latin1');
  const stuffed = (text.startsWith('.') ? '.' : '') + text.replace(/\r\n\./g, '\r\n..');
  return Buffer.from(stuffed, 'latin1');
}

/**
 * Builds message number `sequence` of a run; `runId` keeps tokens unique across runs and restarts.
 *
 * @example
 * const message = buildLoadMessage('r1', 42, 'user3@load.test');
 */
export function buildLoadMessage(runId: string, sequence: number, recipient: string): LoadMessage {
  const token = `${runId}.${sequence}`;
  const headers = Buffer.from(
    [
      `Message-ID: <${token}@load.posthouse.test>`,
      `Date: ${new Date(Date.UTC(2026, 0, 1, 0, 0, sequence % 86_400)).toUTCString().replace('GMT', '+0000')}`,
      'From: "Example Shop" <orders@shop.example.test>',
      `To: <${recipient}>`,
      `Subject: Your order ${token} has shipped`,
      'X-Mailer: posthouse-load/1',
      '',
    ].join(CRLF),
    'utf8',
  );
  return {
    token,
    content: Buffer.concat([headers, sharedBody]),
    wire: Buffer.concat([headers, sharedBodyStuffed, endOfData]),
  };
}

/** The token of a stored message, read from its Message-ID; null when it has none of ours. */
export function tokenOf(stored: Buffer): string | null {
  const head = stored.subarray(0, 4096).toString('latin1');
  const match = /^Message-ID: <([^@>]+)@load\.posthouse\.test>\r$/m.exec(head);
  return match?.[1] ?? null;
}
