import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMailServer, type MailServer, type MailServerOptions } from '../../src/server.js';
import { SenderRewriting } from '../../src/sender/srs-rewriting.js';
import { srsForward, srsReverse } from '../../src/sender/srs.js';
import { levelStore, memoryStore } from '../../src/store/index.js';
import { SmtpSession } from '../helpers/smtp-session.js';
import { deferred, fakeTransport } from './queue-fakes.js';

const DAY = 24 * 60 * 60 * 1000;
const message = (subject: string): Buffer => Buffer.from(`From: someone@example.org\r\nTo: team@example.com\r\nSubject: ${subject}\r\n\r\nhello\r\n`);

/** A server for example.com on port 0 that queues outbound mail without sending it. */
async function withServer(srs: { domain?: string; secret?: string }, run: (server: MailServer, port: number) => Promise<void>): Promise<void> {
  const options: MailServerOptions = { hostname: 'mx.example.com', smtp: { port: 0 }, summaries: false, sender: { transport: 'sandbox', paused: true, srs } };
  const server = createMailServer(options);
  const { smtp } = await server.listen();
  try {
    await server.directory.addAccount('alice@example.com', { createDomain: true });
    await server.directory.addAlias('team@example.com', ['alice@example.com', 'carol@elsewhere.example']);
    await run(server, smtp!.port);
  } finally {
    await server.close({ graceMs: 500 });
  }
}

async function send(port: number, from: string, to: string[], subject: string): Promise<{ rcpt: number[]; data: number | null }> {
  const session = await SmtpSession.open(port);
  try {
    const { rcpt, data } = await session.sendMail(from, to, message(subject));
    return { rcpt: rcpt.map((reply) => reply.code), data: data?.code ?? null };
  } finally {
    await session.quit();
  }
}

test('an alias forwarding to another domain queues the message with an SRS0 reverse-path of the hostname', async () => {
  await withServer({}, async (server, port) => {
    assert.deepEqual(await send(port, 'bob@example.org', ['team@example.com'], 'via alias'), { rcpt: [250], data: 250 });
    const [queued, ...others] = await server.queue.list();
    assert.equal(others.length, 0);
    assert.equal(queued!.reason, 'redirect');
    assert.deepEqual(queued!.rcptTo, ['carol@elsewhere.example']);
    assert.match(queued!.mailFrom, /^SRS0=[^=]{4}=[A-Z2-7]{2}=example\.org=bob@mx\.example\.com$/);
    assert.equal(srsReverse(queued!.mailFrom, await server.srs.secret(), new Date()), 'bob@example.org');
    const local = await server.store.listMessages('alice@example.com', 'INBOX');
    assert.equal(local.length, 1, 'the local member of the alias still gets its copy');
  });
});

test('a Sieve redirect queues the message with an SRS0 reverse-path', async () => {
  await withServer({}, async (server, port) => {
    await server.rules!.put('alice@example.com', 'main', 'redirect "dave@elsewhere.example";');
    await server.rules!.activate('alice@example.com', 'main');
    assert.deepEqual(await send(port, 'bob@example.org', ['alice@example.com'], 'via sieve'), { rcpt: [250], data: 250 });
    const [queued, ...others] = await server.queue.list();
    assert.equal(others.length, 0);
    assert.deepEqual({ reason: queued!.reason, rcptTo: queued!.rcptTo }, { reason: 'redirect', rcptTo: ['dave@elsewhere.example'] });
    assert.equal(srsReverse(queued!.mailFrom, await server.srs.secret(), new Date()), 'bob@example.org');
  });
});

test('a local sender and the null sender are forwarded as they are', async () => {
  await withServer({}, async (server, port) => {
    assert.equal((await send(port, 'alice@example.com', ['team@example.com'], 'local')).data, 250);
    assert.equal((await send(port, '', ['team@example.com'], 'null')).data, 250);
    const queued = await server.queue.list();
    assert.deepEqual(queued.map((entry) => entry.mailFrom).sort(), ['', 'alice@example.com']);
  });
});

test('a bounce to a valid SRS address is accepted over SMTP and queued to the original sender with <>', async () => {
  const secret = 'configured-secret';
  await withServer({ domain: 'bounces.example.net', secret }, async (server, port) => {
    const returnPath = srsForward('bob@example.org', 'bounces.example.net', secret, new Date(Date.now() - 2 * DAY));
    assert.deepEqual(await send(port, '', [returnPath], 'Undelivered Mail Returned to Sender'), { rcpt: [250], data: 250 });
    const [queued, ...others] = await server.queue.list();
    assert.equal(others.length, 0);
    assert.deepEqual({ mailFrom: queued!.mailFrom, rcptTo: queued!.rcptTo, reason: queued!.reason }, { mailFrom: '', rcptTo: ['bob@example.org'], reason: 'redirect' });
    const bytes = (await (await server.queue.read(queued!.id)).buffer()).toString();
    assert.match(bytes, /Subject: Undelivered Mail Returned to Sender\r\n/);
  });
});

test('a forged or expired SRS address gets 550 5.1.1, and SRS addresses of other domains are not ours', async () => {
  const secret = 'configured-secret';
  await withServer({ domain: 'bounces.example.net', secret }, async (server, port) => {
    const valid = srsForward('bob@example.org', 'bounces.example.net', secret, new Date());
    const forged = valid.replace(/^SRS0=[^=]{4}/, 'SRS0=AAAA');
    const expired = srsForward('bob@example.org', 'bounces.example.net', secret, new Date(Date.now() - 30 * DAY));
    const otherSecret = srsForward('bob@example.org', 'bounces.example.net', 'someone-else', new Date());
    const elsewhere = srsForward('bob@example.org', 'elsewhere.example', secret, new Date());
    const session = await SmtpSession.open(port);
    try {
      assert.equal((await session.command('MAIL FROM:<>')).code, 250);
      for (const address of [forged, expired, otherSecret]) {
        const reply = await session.command(`RCPT TO:<${address}>`);
        assert.match(reply.last, /^550 5\.1\.1 /, address);
      }
      assert.match((await session.command(`RCPT TO:<${elsewhere}>`)).last, /^550 5\.7\.1 /);
      assert.match((await session.command('RCPT TO:<postmaster@bounces.example.net>')).last, /^550 5\.7\.1 /, 'only SRS addresses of the forwarding domain are taken');
    } finally {
      await session.quit();
    }
    assert.deepEqual(await server.queue.list(), []);
  });
});

test('the generated secret is kept in the store and survives a reopen of a level store', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'posthouse-srs-'));
  try {
    const isLocal = (): boolean => false;
    const first = levelStore({ path: directory });
    await first.open();
    const before = new SenderRewriting({ domain: 'mx.example.com', records: first.records, isLocal });
    const [secret, again] = await Promise.all([before.secret(), before.secret()]);
    assert.equal(secret, again, 'two first uses at once keep one secret');
    assert.equal(Buffer.from(secret, 'base64').length, 32);
    const rewritten = await before.forwardPath('bob@example.org');
    await first.close();

    const second = levelStore({ path: directory });
    await second.open();
    try {
      const after = new SenderRewriting({ domain: 'mx.example.com', records: second.records, isLocal });
      assert.equal(await after.secret(), secret);
      assert.equal(await after.reverse(rewritten), 'bob@example.org');
    } finally {
      await second.close();
    }
    const other = memoryStore();
    await other.open();
    const elsewhere = new SenderRewriting({ domain: 'mx.example.com', records: other.records, isLocal });
    assert.notEqual(await elsewhere.secret(), secret, 'another store generates a secret of its own');
    await other.close();
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});


test('our own bounce of a forwarded message goes back through SRS to the original sender', async () => {
  const bounced = deferred<{ mailFrom: string; recipients: string[]; raw: Buffer }>();
  const transport = fakeTransport((recipient) => (recipient.endsWith('@elsewhere.example') ? 'failed' : 'delivered'));
  const answer = transport.send.bind(transport);
  transport.send = async (attempt) => {
    const results = await answer(attempt);
    // the first message after the failed forward is the bounce, wherever it goes
    if (attempt.domain !== 'elsewhere.example') bounced.resolve({ mailFrom: attempt.mailFrom, recipients: attempt.recipients, raw: await attempt.source.buffer() });
    return results;
  };
  const server = createMailServer({ hostname: 'mx.example.com', smtp: { port: 0 }, summaries: false, sender: { transport } });
  const { smtp } = await server.listen();
  try {
    await server.directory.addAccount('alice@example.com', { createDomain: true });
    await server.directory.addAlias('team@example.com', ['alice@example.com', 'carol@elsewhere.example']);
    assert.equal((await send(smtp!.port, 'bob@example.org', ['team@example.com'], 'will bounce')).data, 250);
    const returned = await bounced.promise;
    assert.deepEqual({ mailFrom: returned.mailFrom, recipients: returned.recipients }, { mailFrom: '', recipients: ['bob@example.org'] });
    assert.match(returned.raw.toString(), /carol@elsewhere\.example/, 'the DSN names the failed recipient');
  } finally {
    await server.close({ graceMs: 500 });
  }
});
