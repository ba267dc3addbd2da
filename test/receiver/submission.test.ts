import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { dkimVerify } from 'mailauth';
import { createMailServer, type MailServer, type SubmissionListenerOptions } from '../../src/server.js';
import { memoryStore } from '../../src/store/index.js';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { dkimDnsRecord, generateDkimKey } from '../../src/sender/dkim/index.js';
import { SmtpSession } from '../helpers/smtp-session.js';
import type { NodemailerSendError } from '../helpers/nodemailer-client.js';

const plain = (user: string, password: string) => Buffer.from(`\0${user}\0${password}`).toString('base64');
const message = (from: string, to: string, subject = 'hello') =>
  Buffer.from(`From: ${from}\r\nTo: ${to}\r\nSubject: ${subject}\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <${subject}@example.com>\r\n\r\nHi.\r\n`);

let tls: { key: string; cert: string };
before(async () => {
  tls = await generateDevCertificate('mail.example.com');
});

async function startServer(submission: SubmissionListenerOptions = {}, extra: { submissions?: boolean } = {}): Promise<MailServer> {
  const server = createMailServer({
    hostname: 'mail.example.com',
    store: memoryStore(),
    smtp: false,
    tls,
    submission: { port: 0, ...submission },
    ...(extra.submissions ? { submissions: { port: 0, ...submission } } : {}),
    summaries: false,
  });
  await server.listen();
  await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
  await server.directory.addAccount('bob@example.com', { password: 'hunter22' });
  await server.directory.addAlias('sales@example.com', ['alice@example.com']);
  return server;
}

/** nodemailer over STARTTLS (or implicit TLS), trusting the dev certificate. */
function client(port: number, options: { secure?: boolean; user?: string; pass?: string } = {}) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: options.secure ?? false,
    requireTLS: !options.secure,
    tls: { rejectUnauthorized: false },
    auth: { user: options.user ?? 'alice@example.com', pass: options.pass ?? 's3cret' },
    name: 'client.test',
  });
}

async function queuedMessages(server: MailServer): Promise<Array<{ mailFrom: string; rcptTo: string[]; raw: string }>> {
  const entries = await server.queue.list();
  return Promise.all(entries.map(async (entry) => ({ mailFrom: entry.mailFrom, rcptTo: entry.rcptTo, raw: (await (await server.queue.read(entry.id)).buffer()).toString('utf8') })));
}

describe('submission', () => {
  it('answers MAIL before AUTH with 530 5.7.0, and does not offer AUTH before TLS', async () => {
    const server = await startServer();
    try {
      const session = await SmtpSession.open(server.addresses.submission!.port);
      assert.equal((await session.command('MAIL FROM:<alice@example.com>')).last, '530 5.7.0 Authentication required');
      assert.equal((await session.command(`AUTH PLAIN ${plain('alice@example.com', 's3cret')}`)).last, '538 5.7.11 Encryption required for requested authentication mechanism');
      await session.quit();
    } finally {
      await server.close();
    }
  });

  it('queues mail to other domains with reason submission and a Received header with ESMTPSA', async () => {
    const server = await startServer();
    try {
      const info = await client(server.addresses.submission!.port).sendMail({ envelope: { from: 'alice@example.com', to: ['bob@remote.test', 'carol@other.test'] }, raw: message('Alice <alice@example.com>', 'bob@remote.test') });
      assert.deepEqual(info.accepted, ['bob@remote.test', 'carol@other.test']);
      const [queued, ...rest] = await queuedMessages(server);
      assert.equal(rest.length, 0);
      assert.equal(queued!.mailFrom, 'alice@example.com');
      assert.deepEqual(queued!.rcptTo, ['bob@remote.test', 'carol@other.test']);
      assert.match(queued!.raw, /^Received: from client\.test \(.*\)\r\n\tby mail\.example\.com with ESMTPSA id /m);
      assert.equal((await server.queue.list())[0]?.reason, 'submission');
    } finally {
      await server.close();
    }
  });

  it('delivers local recipients as port 25 does and queues only the remote ones', async () => {
    const server = await startServer();
    try {
      await client(server.addresses.submission!.port).sendMail({ envelope: { from: 'alice@example.com', to: ['bob@example.com', 'dave@remote.test'] }, raw: message('alice@example.com', 'bob@example.com') });
      assert.equal((await server.store.listMessages('bob@example.com', 'INBOX')).length, 1);
      assert.deepEqual((await queuedMessages(server)).map((entry) => entry.rcptTo), [['dave@remote.test']]);
    } finally {
      await server.close();
    }
  });

  it('refuses an envelope sender the user does not own with 553 5.7.1, and allows aliases that reach them', async () => {
    const server = await startServer();
    try {
      const transport = client(server.addresses.submission!.port);
      await assert.rejects(transport.sendMail({ envelope: { from: 'bob@example.com', to: ['x@remote.test'] }, raw: message('alice@example.com', 'x@remote.test') }), (error: NodemailerSendError) => {
        assert.equal(error.responseCode, 553);
        assert.match(error.response ?? '', /^553 5\.7\.1 Sender address rejected: not owned by user alice@example\.com/);
        return true;
      });
      await transport.sendMail({ envelope: { from: 'sales@example.com', to: ['x@remote.test'] }, raw: message('Sales <sales@example.com>', 'x@remote.test') });
      await transport.sendMail({ envelope: { from: 'alice+news@example.com', to: ['x@remote.test'] }, raw: message('alice+news@example.com', 'x@remote.test') });
      assert.equal((await server.queue.list()).length, 2);
    } finally {
      await server.close();
    }
  });

  it('refuses a header From the user does not own with 553 5.7.1 at the end of DATA', async () => {
    const server = await startServer();
    try {
      await assert.rejects(
        client(server.addresses.submission!.port).sendMail({ envelope: { from: 'alice@example.com', to: ['x@remote.test'] }, raw: message('The Boss <bob@example.com>', 'x@remote.test') }),
        (error: NodemailerSendError) => error.responseCode === 553 && /5\.7\.1 From header address rejected/.test(error.response ?? ''),
      );
      assert.equal((await server.queue.list()).length, 0);
    } finally {
      await server.close();
    }
  });

  it("senderPolicy 'any' lets an authenticated user send as anyone", async () => {
    const server = await startServer({ senderPolicy: 'any' });
    try {
      await client(server.addresses.submission!.port).sendMail({ envelope: { from: 'ceo@elsewhere.test', to: ['x@remote.test'] }, raw: message('ceo@elsewhere.test', 'x@remote.test') });
      assert.equal((await server.queue.list())[0]?.mailFrom, 'ceo@elsewhere.test');
    } finally {
      await server.close();
    }
  });

  it('saveSent files a read copy into the Sent mailbox, created with \\Sent when missing', async () => {
    const server = await startServer({ saveSent: true });
    try {
      await server.store.deleteMailbox('alice@example.com', 'Sent');
      await client(server.addresses.submission!.port).sendMail({ envelope: { from: 'alice@example.com', to: ['x@remote.test'] }, raw: message('alice@example.com', 'x@remote.test', 'kept') });
      const sent = await server.store.listMessages('alice@example.com', 'Sent');
      assert.equal(sent.length, 1);
      assert.ok(sent[0]!.flags.includes('\\Seen'));
      const mailbox = (await server.store.listMailboxes('alice@example.com')).find((entry) => entry.name === 'Sent');
      assert.equal(mailbox?.specialUse, '\\Sent');
    } finally {
      await server.close();
    }
  });

  it('leaves the Sent copy to the client by default', async () => {
    const server = await startServer();
    try {
      await client(server.addresses.submission!.port).sendMail({ envelope: { from: 'alice@example.com', to: ['x@remote.test'] }, raw: message('alice@example.com', 'x@remote.test') });
      assert.equal((await server.store.mailboxStatus('alice@example.com', 'Sent'))?.messages, 0);
    } finally {
      await server.close();
    }
  });

  it('DKIM-signs submitted mail of a domain with a key; the signature verifies', async () => {
    const server = await startServer({}, { submissions: true });
    try {
      const key = generateDkimKey('example.com', { selector: 's1', algorithm: 'rsa' });
      await server.dkim.put(key);
      await client(server.addresses.submissions!.port, { secure: true }).sendMail({ envelope: { from: 'alice@example.com', to: ['x@remote.test'] }, raw: message('alice@example.com', 'x@remote.test', 'signed') });
      const [queued] = await queuedMessages(server);
      assert.match(queued!.raw, /^DKIM-Signature: v=1; a=rsa-sha256;/);
      const record = dkimDnsRecord(key);
      const result = await dkimVerify(Buffer.from(queued!.raw), { resolver: async (name: string) => (name === record.name ? [[record.value]] : []) });
      assert.equal(result.results[0]?.status.result, 'pass');
    } finally {
      await server.close();
    }
  });

  it('refuses wrong credentials with 535 5.7.8 over implicit TLS', async () => {
    const server = await startServer({}, { submissions: true });
    try {
      await assert.rejects(client(server.addresses.submissions!.port, { secure: true, pass: 'wrong' }).sendMail({ envelope: { from: 'alice@example.com', to: ['x@remote.test'] }, raw: message('alice@example.com', 'x') }), (error: NodemailerSendError) => error.responseCode === 535);
    } finally {
      await server.close();
    }
  });
});

describe('relay policy', () => {
  let server: MailServer;
  before(async () => {
    server = createMailServer({ hostname: 'mx.example.com', store: memoryStore(), smtp: { port: 0, allowInsecureAuth: true }, summaries: false });
    await server.listen();
    await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
  });
  after(async () => {
    await server.close();
  });

  it('port 25 refuses non-local recipients with 550 5.7.1 even after AUTH', async () => {
    const session = await SmtpSession.open(server.addresses.smtp!.port);
    assert.equal((await session.command(`AUTH PLAIN ${plain('alice@example.com', 's3cret')}`)).code, 235);
    assert.equal((await session.command('MAIL FROM:<alice@example.com>')).code, 250);
    assert.equal((await session.command('RCPT TO:<x@remote.test>')).last, '550 5.7.1 Relaying denied');
    await session.quit();
  });
});
