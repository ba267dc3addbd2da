import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { simpleParser } from 'mailparser';
import { bufferSource } from '../../src/core/message-source.js';
import { buildDsn, MAX_RETURNED_ORIGINAL, parseDsn, type DsnInput } from '../../src/sender/dsn/index.js';

const ORIGINAL = 'From: alice@local.test\r\nTo: bob@remote.test\r\nSubject: lunch\r\nMessage-ID: <orig-1@local.test>\r\n\r\nsee you at noon\r\n';
const arrivalDate = new Date('2026-03-01T10:00:00Z');
const now = new Date('2026-03-02T10:00:00Z');

function input(overrides: Partial<DsnInput> = {}): DsnInput {
  return {
    reportingMta: 'mx.local.test',
    original: bufferSource(ORIGINAL),
    originalEnvelope: { mailFrom: 'alice@local.test', envid: 'env-7' },
    recipients: [
      { recipient: 'bob@remote.test', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 no such user', remoteHost: 'mx.remote.test', lastAttempt: now },
      { recipient: 'carol@remote.test', action: 'delayed', status: '4.4.1', diagnostic: 'no answer from host', remoteHost: null, lastAttempt: now, willRetryUntil: new Date('2026-03-06T10:00:00Z') },
    ],
    ret: 'FULL',
    arrivalDate,
    now,
    ...overrides,
  };
}

describe('buildDsn', () => {
  test('is a multipart/report of delivery-status from MAILER-DAEMON, auto-replied, to the original sender', async () => {
    const raw = await buildDsn(input());
    const parsed = await simpleParser(raw);
    assert.equal(parsed.from?.value[0]?.address, 'MAILER-DAEMON@mx.local.test');
    assert.equal((parsed.to as { value: Array<{ address: string }> }).value[0]?.address, 'alice@local.test');
    assert.equal(parsed.headers.get('auto-submitted'), 'auto-replied');
    const contentType = parsed.headers.get('content-type') as { value: string; params: Record<string, string> };
    assert.equal(contentType.value, 'multipart/report');
    assert.equal(contentType.params['report-type'], 'delivery-status');
    assert.equal(parsed.subject, 'Undelivered Mail Returned to Sender');
    assert.match(parsed.text ?? '', /<bob@remote.test>: 550 5.1.1 no such user/);
    assert.match(parsed.text ?? '', /retried until Fri, 06 Mar 2026 10:00:00 \+0000/);
  });

  test('carries the per-message and per-recipient fields of RFC 3464 §2.2–2.3', async () => {
    const text = (await buildDsn(input())).toString('utf8');
    for (const field of [
      'Reporting-MTA: dns; mx.local.test',
      'Original-Envelope-Id: env-7',
      'Arrival-Date: Sun, 01 Mar 2026 10:00:00 +0000',
      'Final-Recipient: rfc822; bob@remote.test\r\nAction: failed\r\nStatus: 5.1.1\r\nRemote-MTA: dns; mx.remote.test\r\nDiagnostic-Code: smtp; 550 5.1.1 no such user\r\nLast-Attempt-Date: Mon, 02 Mar 2026 10:00:00 +0000',
      'Final-Recipient: rfc822; carol@remote.test\r\nAction: delayed\r\nStatus: 4.4.1\r\nDiagnostic-Code: X-Posthouse; no answer from host',
      'Will-Retry-Until: Fri, 06 Mar 2026 10:00:00 +0000',
    ]) {
      assert.ok(text.includes(field), `missing ${JSON.stringify(field)}`);
    }
    assert.ok(!/Final-Recipient: rfc822; bob@remote.test[^]*?Will-Retry-Until[^]*?carol/.test(text), 'a failed recipient has no Will-Retry-Until');
  });

  test('RET=FULL returns the whole original as message/rfc822', async () => {
    const parsed = await simpleParser(await buildDsn(input()));
    const returned = parsed.attachments.find((attachment) => attachment.contentType === 'message/rfc822');
    assert.ok(returned);
    assert.equal(returned.content.toString(), ORIGINAL);
  });

  test('RET=HDRS returns only the headers as text/rfc822-headers', async () => {
    const raw = await buildDsn(input({ ret: 'HDRS' }));
    const text = raw.toString();
    assert.match(text, /Content-Type: text\/rfc822-headers/);
    assert.ok(text.includes('Subject: lunch'));
    assert.ok(!text.includes('see you at noon'));
    assert.ok(!text.includes('message/rfc822'));
  });

  test('returns only the headers of a large original even with RET=FULL', async () => {
    const large = Buffer.concat([Buffer.from('Subject: big\r\nMessage-ID: <big@local.test>\r\n\r\n'), Buffer.alloc(MAX_RETURNED_ORIGINAL, 'x')]);
    const raw = await buildDsn(input({ original: large }));
    assert.ok(raw.length < 10_000);
    assert.match(raw.toString(), /text\/rfc822-headers/);
    assert.equal(parseDsn(raw)?.originalMessageId, '<big@local.test>');
  });

  test('keeps header injection out: CR/LF in a diagnostic stays on one line', async () => {
    const raw = await buildDsn(input({ recipients: [{ recipient: 'bob@remote.test', action: 'failed', status: '5.0.0', diagnostic: 'bad\r\nBcc: victim@x.test', remoteHost: null, lastAttempt: now }] }));
    assert.ok(!/^Bcc:/m.test(raw.toString()));
    assert.match(raw.toString(), /Diagnostic-Code: X-Posthouse; bad Bcc: victim@x.test/);
  });

  test('uses message/global-delivery-status and the utf-8 address type for a UTF-8 recipient (RFC 6533)', async () => {
    const raw = await buildDsn(input({ recipients: [{ recipient: 'jürgen@remote.test', action: 'failed', status: '5.1.1', diagnostic: 'no', remoteHost: null, lastAttempt: now }] }));
    const text = raw.toString('utf8');
    assert.match(text, /Content-Type: message\/global-delivery-status/);
    assert.match(text, /Final-Recipient: utf-8; jürgen@remote.test/);
    assert.equal(parseDsn(raw)?.recipients[0]?.recipient, 'jürgen@remote.test');
  });
});

describe('parseDsn', () => {
  test('reads our own DSN back: recipients, actions, status, diagnostic, original Message-ID', async () => {
    const parsed = parseDsn(await buildDsn(input()));
    assert.deepEqual(parsed, {
      recipients: [
        { recipient: 'bob@remote.test', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 no such user' },
        { recipient: 'carol@remote.test', action: 'delayed', status: '4.4.1', diagnostic: 'no answer from host' },
      ],
      originalMessageId: '<orig-1@local.test>',
    });
  });

  test('reads a DSN in the shape Postfix sends (folded fields, base64 status part, headers only)', () => {
    const statusPart = Buffer.from(
      'Reporting-MTA: dns; smtp.example.net\r\nX-Postfix-Queue-ID: 4F1\r\n\r\nFinal-Recipient: rfc822; gone@example.net\r\nOriginal-Recipient: rfc822;gone@example.net\r\nAction: failed\r\nStatus: 5.1.1\r\nDiagnostic-Code: smtp; 550 5.1.1 <gone@example.net>:\r\n    Recipient address rejected\r\n',
    ).toString('base64');
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@smtp.example.net (Mail Delivery System)',
        'Subject: Undelivered Mail Returned to Sender',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type="delivery-status";',
        '\tboundary="B1/C2"',
        '',
        '--B1/C2',
        'Content-Type: text/plain',
        '',
        'I am sorry.',
        '',
        '--B1/C2',
        'Content-Type: message/delivery-status',
        'Content-Transfer-Encoding: base64',
        '',
        statusPart,
        '',
        '--B1/C2',
        'Content-Type: text/rfc822-headers',
        '',
        'From: me@local.test',
        'Message-ID:',
        ' <folded@local.test>',
        '',
        '--B1/C2--',
        '',
      ].join('\r\n'),
    );
    assert.deepEqual(parseDsn(raw), {
      recipients: [{ recipient: 'gone@example.net', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 <gone@example.net>: Recipient address rejected' }],
      originalMessageId: '<folded@local.test>',
    });
  });

  test('is null for anything that is not a delivery-status report', () => {
    assert.equal(parseDsn(Buffer.from('Subject: your mail bounced\r\n\r\nsorry\r\n')), null);
    assert.equal(parseDsn(Buffer.from('Content-Type: multipart/report; report-type=disposition-notification; boundary=x\r\n\r\n--x\r\n\r\nhi\r\n--x--\r\n')), null);
    assert.equal(parseDsn(Buffer.from('Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain\r\n\r\nno status part\r\n--x--\r\n')), null);
    assert.equal(parseDsn(Buffer.alloc(0)), null);
  });
});
