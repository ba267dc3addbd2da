import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from '../../../src/testing/test-server.js';

const run = promisify(execFile);

describe('IMAP over real sockets with clients nobody here wrote', () => {
  let mail: TestServer;
  before(async () => {
    mail = await startTestServer();
  });
  after(() => mail.close());

  const send = async (to: string, subject: string): Promise<void> => {
    const transport = nodemailer.createTransport({ host: mail.smtp.host, port: mail.smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'sender@example.test', to, subject, text: `body of ${subject}` });
    transport.close();
  };

  it('python imaplib: login, list, select, append, status, create with modified UTF-7, logout', async () => {
    const { user, pass } = await mail.login('py@example.test');
    await send('py@example.test', 'first');
    await mail.waitForMessage({ to: 'py@example.test' });
    const script = `
import imaplib
m = imaplib.IMAP4('127.0.0.1', ${mail.imap.port})
m.login(${JSON.stringify(user)}, ${JSON.stringify(pass)})
typ, data = m.list()
print('LIST', typ, b'\\\\Sent' in b' '.join(data))
print('SELECT', m.select('INBOX'))
typ, data = m.append('INBOX', '(\\\\Seen)', None, b'Subject: x\\r\\n\\r\\nbody\\r\\n')
print('APPEND', typ, data[0].startswith(b'[APPENDUID'))
print('STATUS', m.status('INBOX', '(MESSAGES UNSEEN)'))
print('CREATE', m.create('Entw&APw-rfe')[0])
print('LOGOUT', m.logout()[0])
`;
    const { stdout } = await run('python3', ['-c', script]);
    assert.equal(
      stdout,
      ["LIST OK True", "SELECT ('OK', [b'1'])", 'APPEND OK True', `STATUS ('OK', [b'"INBOX" (MESSAGES 2 UNSEEN 1)'])`, 'CREATE OK', 'LOGOUT BYE', ''].join('\n'),
    );
    assert.ok((await mail.server.store.listMailboxes(user)).some((mailbox) => mailbox.name === 'Entwürfe'));
  });

  it('imapflow: mailboxes, status, append and IDLE receiving a message delivered over SMTP', async () => {
    const { user, pass } = await mail.login('flow@example.test');
    const client = new ImapFlow({ host: mail.imap.host, port: mail.imap.port, secure: false, auth: { user, pass }, logger: false, doSTARTTLS: false });
    await client.connect();
    try {
      const list = await client.list();
      assert.equal(list.find((mailbox) => mailbox.specialUse === '\\Sent')?.path, 'Sent');
      await client.mailboxCreate('Projects/2026');
      assert.ok((await client.list()).some((mailbox) => mailbox.path === 'Projects/2026'));
      const appended = await client.append('Projects/2026', 'Subject: kept\r\n\r\nx\r\n', ['\\Flagged']);
      assert.equal(appended && appended.uid, 1);
      assert.deepEqual(await client.status('Projects/2026', { messages: true, uidNext: true }), { path: 'Projects/2026', messages: 1, uidNext: 2 });
      await client.mailboxOpen('INBOX');
      // With the mailbox open and no command running, imapflow sits in IDLE.
      void client.idle().catch(() => undefined);
      const arrived = new Promise<number>((resolve) => client.once('exists', (event: { count: number }) => resolve(event.count)));
      await send('flow@example.test', 'while idling');
      assert.equal(await arrived, 1);
      // the deliverer records no IMAP rendering: the first FETCH makes it and records it
      await mail.waitForMessage({ to: 'flow@example.test', subject: 'while idling' });
      // the test kit parses what it returns itself: wait for the deliverer's own summary too
      await mail.server.deliverer.idle();
      assert.notEqual((await mail.server.store.getMessage(user, 'INBOX', 1))?.summary, null);
      assert.equal((await mail.server.store.getMessage(user, 'INBOX', 1))?.summary?.imap, undefined);
      const fetched = await client.fetchOne('1', { envelope: true, bodyStructure: true });
      assert.ok(fetched);
      assert.equal(fetched.envelope?.subject, 'while idling');
      assert.deepEqual(fetched.envelope?.from, [{ name: '', address: 'sender@example.test' }]);
      assert.equal(fetched.bodyStructure?.type, 'text/plain');
      assert.match((await mail.server.store.getMessage(user, 'INBOX', 1))?.summary?.imap?.envelope ?? '', /"while idling"/);
    } finally {
      await client.logout();
    }
  });
});
