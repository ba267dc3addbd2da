import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import net from 'node:net';
import nodemailer from 'nodemailer';
import { dkimVerify } from 'mailauth';
import { createMailServer, type MailServer } from '../../src/server.js';
import { memoryStore } from '../../src/store/index.js';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { manualClock, type ManualClock } from '../../src/sender/index.js';
import { mapResolver, type MapResolverRecords } from '../../src/sender/transport/index.js';
import { dkimDnsRecord, generateDkimKey, type DkimKey } from '../../src/sender/dkim/index.js';
import { startRemote, type RcptVerdict } from './submission-remote.js';

// The delivery scenarios end to end: a client submits on 587, posthouse's sender delivers
// by MX (a map resolver: every domain's MX is 127.0.0.1) to an in-process remote on a loopback port.

let tls: { key: string; cert: string };
before(async () => {
  tls = await generateDevCertificate('mail.example.com');
});

function resolverFor(domains: string[], key?: DkimKey) {
  const records: Record<string, MapResolverRecords> = { 'mx.loopback.test': { a: ['127.0.0.1'] } };
  for (const domain of domains) records[domain] = { mx: [{ exchange: 'mx.loopback.test', priority: 10 }] };
  if (key) records[dkimDnsRecord(key).name] = { txt: [[dkimDnsRecord(key).value]] };
  return mapResolver(records);
}

async function startSender(remotePort: number, domains: string[], clock?: ManualClock): Promise<MailServer> {
  const server = createMailServer({
    hostname: 'mail.example.com',
    store: memoryStore(),
    smtp: false,
    tls,
    submission: { port: 0 },
    sender: { transport: 'mx', resolver: resolverFor(domains), remoteSmtpPort: remotePort, ...(clock ? { clock } : {}) },
    summaries: false,
  });
  await server.listen();
  await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
  return server;
}

async function submit(server: MailServer, to: string[], subject = 'hello'): Promise<void> {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.addresses.submission!.port, requireTLS: true, tls: { rejectUnauthorized: false }, auth: { user: 'alice@example.com', pass: 's3cret' } });
  await client.sendMail({ from: 'alice@example.com', to, subject, text: 'Hello from posthouse.' });
}

/** Resolves when `count` events of `name` have come from the sender. */
function events(server: MailServer, name: 'delivered' | 'deferred' | 'failed', count = 1): Promise<unknown[]> {
  const seen: unknown[] = [];
  return new Promise((resolve) => {
    const listener = (event: unknown): void => {
      seen.push(event);
      if (seen.length === count) {
        server.queue.off(name, listener);
        resolve(seen);
      }
    };
    server.queue.on(name, listener);
  });
}

/** The first message in alice's INBOX that matches `pattern` (bounces are filed just after the `failed` event). */
async function bounceIn(server: MailServer, pattern: RegExp): Promise<string> {
  const seen: string[] = [];
  for (let round = 0; round < 500; round += 1) {
    for (const message of await server.store.listMessages('alice@example.com', 'INBOX')) {
      const raw = (await (await server.store.readMessage('alice@example.com', 'INBOX', message.uid)).buffer()).toString('utf8');
      if (pattern.test(raw)) return raw;
      seen.push(raw);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no message matching ${pattern} in INBOX; saw ${seen.length}`);
}

describe('outbound, against an in-process remote', () => {
  it('delivers a submitted message, DKIM-signed, to the remote', async () => {
    const remote = await startRemote();
    const server = await startSender(remote.port, ['remote.test']);
    const key = generateDkimKey('example.com', { algorithm: 'ed25519' });
    await server.dkim.put(key);
    try {
      const delivered = events(server, 'delivered');
      await submit(server, ['bob@remote.test']);
      await delivered;
      assert.equal(remote.received.length, 1);
      assert.deepEqual(remote.received[0]!.rcptTo, ['bob@remote.test']);
      assert.equal(remote.received[0]!.mailFrom, 'alice@example.com');
      const record = dkimDnsRecord(key);
      const verified = await dkimVerify(remote.received[0]!.raw, { resolver: async (name: string) => (name === record.name ? [[record.value]] : []) });
      assert.equal(verified.results[0]?.status.result, 'pass');
    } finally {
      await server.close();
      await remote.close();
    }
  });

  it('4xx then success on retry', async () => {
    const verdict: RcptVerdict = (_recipient, attempt) => (attempt === 1 ? { code: 450, message: '4.2.0 Mailbox busy, try later' } : 'accept');
    const remote = await startRemote(verdict);
    const clock = manualClock(new Date('2026-05-01T00:00:00Z'));
    const server = await startSender(remote.port, ['remote.test'], clock);
    try {
      const deferred = events(server, 'deferred');
      await submit(server, ['bob@remote.test']);
      await deferred;
      assert.equal(remote.received.length, 0);
      const delivered = events(server, 'delivered');
      clock.advance(60 * 60_000);
      await server.queue.runDue();
      await delivered;
      assert.equal(remote.received.length, 1);
      assert.deepEqual(await server.queue.list(), []);
    } finally {
      await server.close();
      await remote.close();
    }
  });

  it("5xx: a bounce (RFC 3464) lands in the sender's INBOX", async () => {
    const remote = await startRemote(() => ({ code: 550, message: '5.1.1 No such user here' }));
    const server = await startSender(remote.port, ['remote.test']);
    try {
      const failed = events(server, 'failed');
      await submit(server, ['nobody@remote.test']);
      await failed;
      const bounce = await bounceIn(server, /Action: failed/i);
      assert.match(bounce, /Content-Type: multipart\/report; report-type=delivery-status/i);
      assert.match(bounce, /Final-Recipient: rfc822; ?nobody@remote\.test/i);
      assert.match(bounce, /Status: 5\.1\.1/);
    } finally {
      await server.close();
      await remote.close();
    }
  });

  it('an unreachable host leaves the recipient deferred', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const server = await startSender(port, ['remote.test']);
    try {
      const deferred = events(server, 'deferred');
      await submit(server, ['bob@remote.test']);
      const [event] = (await deferred) as Array<{ recipient: string; nextAttemptAt: Date }>;
      assert.equal(event!.recipient, 'bob@remote.test');
      const [summary] = await server.queue.list();
      assert.equal(summary?.recipientStates.deferred, 1);
    } finally {
      await server.close();
    }
  });

  it('expiry: still deferred past the lifetime, the message bounces', async () => {
    const remote = await startRemote(() => ({ code: 451, message: '4.3.0 Try again later' }));
    const clock = manualClock(new Date('2026-05-01T00:00:00Z'));
    const server = await startSender(remote.port, ['remote.test'], clock);
    try {
      const deferred = events(server, 'deferred');
      await submit(server, ['bob@remote.test']);
      await deferred;
      const failed = events(server, 'failed');
      clock.advance(6 * 24 * 60 * 60_000);
      await server.queue.runDue();
      const [event] = (await failed) as Array<{ expired: boolean }>;
      assert.equal(event!.expired, true);
      const bounce = await bounceIn(server, /Action: failed/i);
      assert.match(bounce, /Final-Recipient: rfc822; ?bob@remote\.test/i);
    } finally {
      await server.close();
      await remote.close();
    }
  });

  it('200 recipients on 20 domains all arrive, each once', async () => {
    const remote = await startRemote();
    const domains = Array.from({ length: 20 }, (_, index) => `d${index}.test`);
    const server = await startSender(remote.port, domains);
    const recipients = domains.flatMap((domain) => Array.from({ length: 10 }, (_, index) => `user${index}@${domain}`));
    try {
      const delivered = events(server, 'delivered', 200);
      // the receiver takes 100 recipients per transaction (RFC 5321 §4.5.3.1.8), so two submissions
      await submit(server, recipients.slice(0, 100), 'first half');
      await submit(server, recipients.slice(100), 'second half');
      await delivered;
      const arrived = remote.received.flatMap((delivery) => delivery.rcptTo).sort();
      assert.deepEqual(arrived, [...recipients].sort());
      // one transaction per domain and message: recipients of one domain share it
      assert.equal(remote.received.length, 20);
    } finally {
      await server.close();
      await remote.close();
    }
  });
});
