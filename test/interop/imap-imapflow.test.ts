import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from '../../src/testing/test-server.js';

const MESSAGE = [
  'From: Amy <amy@example.test>',
  'To: Bob <bob@example.test>',
  'Subject: =?utf-8?Q?caf=C3=A9?= plans',
  'Message-ID: <plans@example.test>',
  'Date: Mon, 5 Feb 2024 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="b"',
  '',
  '--b',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Meet at the caf=C3=A9.',
  '--b',
  'Content-Type: application/octet-stream; name="a.bin"',
  'Content-Transfer-Encoding: base64',
  '',
  'AAEC',
  '--b--',
  '',
].join('\r\n');

/** The flags of a fetched message, as an array. */
const flagsOf = (message: false | { flags?: Set<string> }): string[] => (message === false ? [] : [...(message.flags ?? [])]);

describe('imapflow (npm) against the IMAP server', () => {
  let mail: TestServer;
  let client: ImapFlow;
  before(async () => {
    mail = await startTestServer();
    const { user, pass } = await mail.login('flow@example.test');
    client = new ImapFlow({ host: mail.imap.host, port: mail.imap.port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
    await client.connect();
  });
  after(async () => {
    await client.logout().catch(() => undefined);
    await mail.close();
  });

  it('appends, lists and selects', async () => {
    const appended = await client.append('INBOX', MESSAGE, ['\\Flagged'], new Date('2024-02-05T10:00:00Z'));
    assert.equal(appended && appended.uid, 1);
    const paths = (await client.list()).map((mailbox) => mailbox.path);
    for (const path of ['INBOX', 'Sent', 'Drafts', 'Trash']) assert.ok(paths.includes(path), paths.join(' '));
    const mailbox = await client.mailboxOpen('INBOX');
    assert.equal(mailbox.exists, 1);
    assert.equal(mailbox.uidNext, 2);
  });

  it('fetches every item kind: envelope, bodystructure, flags, date, size, headers, parts and the source', async () => {
    const message = await client.fetchOne('1', { uid: true, envelope: true, bodyStructure: true, flags: true, internalDate: true, size: true, source: true, headers: ['subject'], bodyParts: ['1', '2'] });
    assert.ok(message);
    assert.equal(message.uid, 1);
    assert.equal(message.envelope?.subject, 'café plans');
    assert.deepEqual(message.envelope?.from, [{ name: 'Amy', address: 'amy@example.test' }]);
    assert.equal(message.envelope?.messageId, '<plans@example.test>');
    assert.equal(message.bodyStructure?.type, 'multipart/mixed');
    assert.deepEqual(message.bodyStructure?.childNodes?.map((part) => part.type), ['text/plain', 'application/octet-stream']);
    assert.deepEqual([...(message.flags ?? [])], ['\\Flagged']);
    assert.equal(new Date(message.internalDate!).toISOString(), '2024-02-05T10:00:00.000Z');
    assert.equal(message.size, Buffer.byteLength(MESSAGE));
    assert.equal(message.source?.toString(), MESSAGE);
    assert.match(message.headers?.toString() ?? '', /^Subject: =\?utf-8\?Q\?caf=C3=A9\?= plans/);
    assert.equal(message.bodyParts?.get('1')?.toString(), 'Meet at the caf=C3=A9.');
    const { content } = await client.download('1', '2');
    assert.ok(content);
    const chunks: Buffer[] = [];
    for await (const chunk of content) chunks.push(chunk as Buffer);
    assert.deepEqual(Buffer.concat(chunks), Buffer.from([0, 1, 2]));
  });

  it('searches by text, flags and header', async () => {
    await client.append('INBOX', 'Subject: other\r\n\r\nnothing here\r\n');
    assert.deepEqual(await client.search({ body: 'caf' }, { uid: true }), [1]);
    assert.deepEqual(await client.search({ flagged: true }), [1]);
    assert.deepEqual(await client.search({ header: { subject: 'other' } }, { uid: true }), [2]);
    assert.deepEqual(await client.search({ seen: false }), [1, 2]);
  });

  it('sets, adds and removes flags', async () => {
    assert.equal(await client.messageFlagsAdd('2', ['\\Seen', '$Work'], { uid: true }), true);
    assert.deepEqual(flagsOf(await client.fetchOne('2', { flags: true })).sort(), ['$Work', '\\Seen']);
    await client.messageFlagsRemove('2', ['$Work'], { uid: true });
    await client.messageFlagsSet('1', ['\\Answered'], { uid: true });
    assert.deepEqual(flagsOf(await client.fetchOne('1', { flags: true })), ['\\Answered']);
  });

  it('copies and moves with UID maps, and expunges', async () => {
    await client.mailboxCreate('Archive');
    const copied = await client.messageCopy('1', 'Archive', { uid: true });
    assert.equal(copied && copied.uidMap?.get(1), 1);
    const moved = await client.messageMove('2', 'Archive', { uid: true });
    assert.equal(moved && moved.uidMap?.get(2), 2);
    assert.equal(client.mailbox && client.mailbox.exists, 1);
    assert.equal(await client.messageDelete('1', { uid: true }), true);
    assert.equal(client.mailbox && client.mailbox.exists, 0);
    assert.deepEqual(await client.status('Archive', { messages: true }), { path: 'Archive', messages: 2 });
  });

  it('receives a message delivered over SMTP while in IDLE', async () => {
    // With the mailbox open and no command running, imapflow sits in IDLE.
    void client.idle().catch(() => undefined);
    const arrived = new Promise<number>((resolve) => client.once('exists', (event: { count: number }) => resolve(event.count)));
    const transport = nodemailer.createTransport({ host: mail.smtp.host, port: mail.smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'sender@example.test', to: 'flow@example.test', subject: 'while idling', text: 'hello' });
    transport.close();
    assert.equal(await arrived, 1);
    const message = await client.fetchOne('*', { envelope: true });
    assert.equal(message && message.envelope?.subject, 'while idling');
  });
});
