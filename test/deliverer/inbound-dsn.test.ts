import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailServer } from '../../src/server.js';
import type { BounceEvent } from '../../src/interfaces/events.js';
import fc from 'fast-check';
import { announcesDeliveryReport, mayAnnounceDeliveryReport } from '../../src/deliverer/inbound-dsn.js';
import { readHeaderSection } from '../../src/mime/header-section.js';
import { readCorpus, toCrlf } from '../helpers/corpus.js';
import { nodemailerTo } from '../helpers/nodemailer-client.js';

/** A DSN as a remote MTA writes it (RFC 3464 §2, RFC 6522): one failed and one delayed recipient. */
const REMOTE_DSN = [
  'From: MAILER-DAEMON@mx.remote.test',
  'To: alice@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'Message-ID: <dsn-1@mx.remote.test>',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status;',
  '\tboundary="report-boundary"',
  '',
  '--report-boundary',
  'Content-Type: text/plain',
  '',
  'Your message could not be delivered.',
  '--report-boundary',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.remote.test',
  '',
  'Final-Recipient: rfc822; bob@remote.test',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550 5.1.1 no such user',
  '',
  'Final-Recipient: rfc822; carol@remote.test',
  'Action: delayed',
  'Status: 4.4.1',
  '',
  '--report-boundary',
  'Content-Type: text/rfc822-headers',
  '',
  'Message-ID: <orig-1@example.com>',
  '',
  '--report-boundary--',
  '',
].join('\r\n');

async function withServer(run: (send: (raw: string) => Promise<unknown>, bounces: BounceEvent[], count: () => Promise<number>) => Promise<void>): Promise<void> {
  const server = createMailServer({ hostname: 'mx.example.com', smtp: { port: 0 }, rules: false });
  const { smtp } = await server.listen();
  try {
    await server.directory.addAccount('alice@example.com', { createDomain: true });
    const bounces: BounceEvent[] = [];
    server.on('bounce', (event) => bounces.push(event));
    const transport = nodemailerTo(smtp!.port);
    const send = (raw: string) => transport.sendMail({ envelope: { from: '', to: ['alice@example.com'] }, raw });
    await run(send, bounces, async () => (await server.store.mailboxStatus('alice@example.com', 'INBOX'))?.messages ?? 0);
  } finally {
    await server.close();
  }
}

test('a DSN delivered over SMTP raises one remote bounce per failed recipient, and is filed in INBOX', async () => {
  await withServer(async (send, bounces, count) => {
    await send(REMOTE_DSN);
    assert.deepEqual(bounces, [
      { queueId: null, mailFrom: 'alice@example.com', recipient: 'bob@remote.test', status: '5.1.1', diagnostic: '550 5.1.1 no such user', remoteHost: null, origin: 'remote' },
    ]);
    assert.equal(await count(), 1);
  });
});

test('an ordinary message, and a report of another type, raise no bounce', async () => {
  await withServer(async (send, bounces, count) => {
    await send('From: bob@remote.test\r\nTo: alice@example.com\r\nSubject: Action: failed\r\n\r\nStatus: 5.1.1\r\n');
    await send(REMOTE_DSN.replace('report-type=delivery-status', 'report-type=disposition-notification'));
    assert.deepEqual(bounces, []);
    assert.equal(await count(), 2);
  });
});

/** What the deliverer asks of a message: the cheap test first, the header fields only when it says maybe. */
const detected = (raw: Buffer): boolean => mayAnnounceDeliveryReport(raw) && announcesDeliveryReport(readHeaderSection(raw).fields);
const announced = (raw: Buffer): boolean => announcesDeliveryReport(readHeaderSection(raw).fields);

test('the cheap report test never misses a delivery report that the header fields announce', async () => {
  const dsn = Buffer.from(REMOTE_DSN.replaceAll('\n', '\r\n'));
  assert.ok(detected(dsn));
  assert.ok(detected(Buffer.from(REMOTE_DSN.replace('multipart/report', 'Multipart/REPORT'))), 'bare LF, any case');
  assert.ok(!mayAnnounceDeliveryReport(Buffer.from('Subject: hi\r\n\r\nContent-Type: multipart/report\r\n')), 'the body is not looked at');
  for (const { name, bytes } of await readCorpus()) {
    for (const raw of [bytes, toCrlf(bytes)]) assert.equal(detected(raw), announced(raw), name);
  }
  const field = fc.tuple(fc.constantFrom('Content-Type', 'content-type', 'Subject', 'X-Report'), fc.constantFrom('multipart/report; report-type=delivery-status', 'MULTIPART/Report; Report-Type="Delivery-Status"', 'text/plain', 'report'));
  const header = fc.array(field, { maxLength: 5 }).map((fields) => fields.map(([name, value]) => `${name}: ${value}`).join('\r\n'));
  fc.assert(
    fc.property(header, fc.constantFrom('\r\n\r\n', '\n\n', ''), (text, end) => {
      const raw = Buffer.from(`${text}${end}body multipart/report; report-type=delivery-status`);
      assert.equal(detected(raw), announced(raw));
    }),
  );
});
