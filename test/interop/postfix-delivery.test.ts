import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { dkimVerify } from 'mailauth';
import { createMailServer, type MailServer } from '../../src/server.js';
import { memoryStore } from '../../src/store/index.js';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { manualClock, type ManualClock } from '../../src/sender/index.js';
import { mapResolver, type MapResolverRecords } from '../../src/sender/transport/index.js';
import { dkimDnsRecord, generateDkimKey } from '../../src/sender/dkim/index.js';
import { postfixAvailable, startPostfix, type PostfixInstance } from '../../bench/queue-postfix.js';

// posthouse's sender against a real receiving MTA: a private Debian Postfix on a loopback port,
// final destination for remote.test (and 20 more domains) into a Maildir; MX by a map resolver.
// The 4xx-then-retry case runs against an in-process remote in npm test (Postfix cannot answer
// 450 to a first attempt only).

const domains = ['remote.test', ...Array.from({ length: 20 }, (_, index) => `d${index}.test`)];
const available = await postfixAvailable();

let tls: { key: string; cert: string };
let postfix: PostfixInstance;
before(async () => {
  if (!available) return;
  tls = await generateDevCertificate('mail.example.com');
  postfix = await startPostfix({
    kind: 'destination',
    domains,
    reject: { 'nobody@remote.test': '550 5.1.1 No such user', 'busy@remote.test': '450 4.2.0 Mailbox busy' },
  });
});
after(async () => {
  await postfix?.stop();
});

async function startSender(port: number, clock?: ManualClock): Promise<MailServer> {
  const records: Record<string, MapResolverRecords> = { 'mx.postfix.test': { a: ['127.0.0.1'] } };
  for (const domain of domains) records[domain] = { mx: [{ exchange: 'mx.postfix.test', priority: 10 }] };
  const server = createMailServer({
    hostname: 'mail.example.com',
    store: memoryStore(),
    smtp: false,
    tls,
    submission: { port: 0 },
    sender: { transport: 'mx', resolver: mapResolver(records), remoteSmtpPort: port, ...(clock ? { clock } : {}) },
    summaries: false,
  });
  await server.listen();
  await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
  return server;
}

async function submit(server: MailServer, to: string[], subject: string): Promise<void> {
  const client = nodemailer.createTransport({ host: '127.0.0.1', port: server.addresses.submission!.port, requireTLS: true, tls: { rejectUnauthorized: false }, auth: { user: 'alice@example.com', pass: 's3cret' } });
  await client.sendMail({ from: 'alice@example.com', to, subject, text: 'Hello from posthouse.' });
}

function nextEvent(server: MailServer, name: 'delivered' | 'deferred' | 'failed', count = 1): Promise<Array<Record<string, unknown>>> {
  const seen: Array<Record<string, unknown>> = [];
  return new Promise((resolve) => {
    const listener = (event: unknown): void => {
      seen.push(event as Record<string, unknown>);
      if (seen.length === count) {
        server.queue.off(name, listener);
        resolve(seen);
      }
    };
    server.queue.on(name, listener);
  });
}

/** Messages Postfix has put in the Maildir whose text matches `pattern`; waits for `count` of them. */
async function arrived(pattern: RegExp, count = 1): Promise<string[]> {
  for (let round = 0; round < 1000; round += 1) {
    const matching = (await postfix.delivered()).map((raw) => raw.toString('utf8')).filter((text) => pattern.test(text));
    if (matching.length >= count) return matching;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`Postfix did not deliver ${count} message(s) matching ${pattern}`);
}

async function inboxMatching(server: MailServer, pattern: RegExp): Promise<string> {
  for (let round = 0; round < 500; round += 1) {
    for (const message of await server.store.listMessages('alice@example.com', 'INBOX')) {
      const raw = (await (await server.store.readMessage('alice@example.com', 'INBOX', message.uid)).buffer()).toString('utf8');
      if (pattern.test(raw)) return raw;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`no message matching ${pattern} in alice's INBOX`);
}

describe('outbound to Postfix', { skip: available ? false : 'postfix is not installed' }, () => {
  it('delivers a submitted message that Postfix files, DKIM signature intact', async () => {
    const server = await startSender(postfix.port);
    const key = generateDkimKey('example.com', { selector: 'pf' });
    await server.dkim.put(key);
    try {
      const delivered = nextEvent(server, 'delivered');
      await submit(server, ['bob@remote.test'], 'to postfix');
      const [event] = await delivered;
      assert.equal(event!.responseCode, 250);
      const [raw] = await arrived(/Subject: to postfix/);
      // Postfix adds its own Received and Return-Path/Delivered-To; the signed fields are untouched
      const record = dkimDnsRecord(key);
      const verified = await dkimVerify(Buffer.from(raw!), { resolver: async (name: string) => (name === record.name ? [[record.value]] : []) });
      assert.equal(verified.results[0]?.status.result, 'pass');
      assert.match(raw!, /^Delivered-To: bob@remote\.test/m);
    } finally {
      await server.close();
    }
  });

  it("5xx from Postfix: a bounce lands in the sender's INBOX", async () => {
    const server = await startSender(postfix.port);
    try {
      const failed = nextEvent(server, 'failed');
      await submit(server, ['nobody@remote.test'], 'to nobody');
      const [event] = await failed;
      assert.equal(event!.responseCode, 550);
      const bounce = await inboxMatching(server, /Action: failed/i);
      assert.match(bounce, /Final-Recipient: rfc822; ?nobody@remote\.test/i);
      assert.match(bounce, /Status: 5\.1\.1/);
      assert.match(bounce, /Remote-MTA: dns; ?\S+/i);
    } finally {
      await server.close();
    }
  });

  it('unreachable host: deferred; expiry past the lifetime: bounced', async () => {
    const clock = manualClock(new Date('2026-05-01T00:00:00Z'));
    const server = await startSender(postfix.port, clock);
    try {
      const deferred = nextEvent(server, 'deferred');
      await submit(server, ['busy@remote.test'], 'to busy');
      const [event] = await deferred;
      assert.equal(event!.responseCode, 450);
      const failed = nextEvent(server, 'failed');
      clock.advance(6 * 24 * 60 * 60_000);
      await server.queue.runDue();
      assert.equal((await failed)[0]!.expired, true);
      assert.match(await inboxMatching(server, /Action: failed/i), /Final-Recipient: rfc822; ?busy@remote\.test/i);
    } finally {
      await server.close();
    }
  });

  it('a closed port: the recipient is deferred with no reply code', async () => {
    await postfix.stop();
    const stopped = postfix.port;
    postfix = await startPostfix({ kind: 'destination', domains });
    const server = await startSender(stopped);
    try {
      const deferred = nextEvent(server, 'deferred');
      await submit(server, ['bob@remote.test'], 'nowhere');
      const [event] = await deferred;
      assert.equal(event!.responseCode, null);
      assert.equal((await server.queue.list())[0]?.recipientStates.deferred, 1);
    } finally {
      await server.close();
    }
  });

  it('200 recipients on 20 domains: Postfix files each once', async () => {
    const server = await startSender(postfix.port);
    const recipients = domains.slice(1).flatMap((domain) => Array.from({ length: 10 }, (_, index) => `user${index}@${domain}`));
    try {
      const delivered = nextEvent(server, 'delivered', 200);
      await submit(server, recipients.slice(0, 100), 'bulk one');
      await submit(server, recipients.slice(100), 'bulk two');
      await delivered;
      const copies = await arrived(/Subject: bulk (one|two)/, 200);
      const deliveredTo = copies.map((text) => /^Delivered-To: (\S+)/m.exec(text)?.[1]).sort();
      assert.deepEqual(deliveredTo, [...recipients].sort());
    } finally {
      await server.close();
    }
  });
});
