import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { createMailServer, type MailServer, type MailServerOptions } from '../../../src/server.js';
import { levelStore } from '../../../src/store/index.js';
import { verifyWebhookSignature, type WebhookPayload } from '../../../src/access/webhooks/index.js';
import { TestReceiver } from './receiver.js';

const acmeSecret = 'acme-secret-0123456789';
const globexSecret = 'globex-secret-0123456789';
const fastRetry = { initialDelayMs: 10, maxDelayMs: 20 };

async function start(options: MailServerOptions): Promise<MailServer> {
  const server = createMailServer({ hostname: 'mx.test', smtp: { port: 0 }, http: { port: 0, requireAuth: false }, summaries: false, ...options });
  await server.listen();
  return server;
}

function send(server: MailServer, message: SendMailOptions): Promise<unknown> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: server.addresses.smtp!.port, secure: false, ignoreTLS: true });
  return transport.sendMail({ from: 'customer@outside.test', ...message });
}

function header(request: { headers: Record<string, string | string[] | undefined> }, name: string): string {
  return String(request.headers[name.toLowerCase()]);
}

test('two tenants: mail to each goes only to its own URL, signed with its own secret; a message to both is split', async () => {
  const acme = new TestReceiver();
  const globex = new TestReceiver();
  const server = await start({
    webhooks: {
      routes: [
        { id: 'acme', match: { domain: 'acme.test' }, action: 'post', url: await acme.listen(), secret: acmeSecret },
        { id: 'globex', match: { pattern: 'support+*@globex.test' }, action: 'post', url: await globex.listen(), secret: globexSecret },
      ],
    },
  });
  try {
    await send(server, { to: 'orders@acme.test', subject: 'Acme order', text: 'Ship it.\n\nOn Mon, Bob wrote:\n> old' });
    await send(server, { to: 'support+7@globex.test', subject: 'Globex help', text: 'Help!' });
    await send(server, { to: ['orders@acme.test', 'support+8@globex.test'], subject: 'Both', text: 'hello both' });
    await acme.waitFor(2);
    await globex.waitFor(2);
    // Not an address any route takes, and no account: refused at RCPT.
    await assert.rejects(send(server, { to: 'sales@globex.test', subject: 'x', text: 'x' }), /550/);

    const acmePayloads = acme.requests.map((request) => {
      assert.equal(verifyWebhookSignature(acmeSecret, header(request, 'posthouse-signature'), request.body), true);
      assert.equal(verifyWebhookSignature(globexSecret, header(request, 'posthouse-signature'), request.body), false);
      return JSON.parse(request.body.toString()) as WebhookPayload;
    });
    const globexPayloads = globex.requests.map((request) => {
      assert.equal(verifyWebhookSignature(globexSecret, header(request, 'posthouse-signature'), request.body), true);
      return JSON.parse(request.body.toString()) as WebhookPayload;
    });
    assert.deepEqual(acmePayloads.map((payload) => payload.subject).sort(), ['Acme order', 'Both']);
    assert.deepEqual(globexPayloads.map((payload) => payload.subject).sort(), ['Both', 'Globex help']);
    const acmeOrder = acmePayloads.find((payload) => payload.subject === 'Acme order')!;
    assert.equal(acmeOrder.replyText, 'Ship it.');
    assert.equal(acmeOrder.envelope.from, 'customer@outside.test');
    assert.equal(acmeOrder.routeId, 'acme');
    assert.equal(acmeOrder.spf, null);
    const acmeOrderRequest = acme.requests[acmePayloads.indexOf(acmeOrder)]!;
    assert.equal(header(acmeOrderRequest, 'posthouse-delivery-id'), acmeOrder.deliveryId);
    // Each tenant sees only its own recipients of the shared message in the envelope.
    assert.deepEqual(acmePayloads.find((payload) => payload.subject === 'Both')!.envelope.to, ['orders@acme.test']);
    assert.deepEqual(globexPayloads.find((payload) => payload.subject === 'Both')!.envelope.to, ['support+8@globex.test']);
    // post-only: nothing was stored, no account was made.
    assert.equal(await server.store.mailboxStatus('orders@acme.test', 'INBOX'), null);
  } finally {
    await server.close();
    await acme.close();
    await globex.close();
  }
});

test('a failing receiver (500, 500, then 200) gets retries with the same delivery id', async () => {
  const receiver = new TestReceiver();
  receiver.answer = (_request, index) => (index < 2 ? 500 : 200);
  const server = await start({ webhooks: { retry: fastRetry, routes: [{ match: { domain: 'acme.test' }, action: 'post', url: await receiver.listen(), secret: acmeSecret }] } });
  try {
    const delivered = new Promise<{ attempts: number; deliveryId: string }>((resolve) => server.webhooks!.once('webhook-delivered', resolve));
    await send(server, { to: 'orders@acme.test', subject: 'retry me', text: 'x' });
    const event = await delivered;
    assert.equal(receiver.requests.length, 3);
    assert.equal(event.attempts, 3);
    const ids = receiver.requests.map((request) => header(request, 'posthouse-delivery-id'));
    assert.deepEqual(ids, [event.deliveryId, event.deliveryId, event.deliveryId]);
    for (const request of receiver.requests) assert.equal(verifyWebhookSignature(acmeSecret, header(request, 'posthouse-signature'), request.body), true);
    assert.equal(server.webhooks!.pendingCount, 0);
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('a receiver that keeps failing past the retry window is given up with webhook-failed', async () => {
  const receiver = new TestReceiver();
  receiver.answer = () => 503;
  const server = await start({ webhooks: { retry: { ...fastRetry, giveUpAfterMs: 30 }, routes: [{ match: { domain: 'acme.test' }, action: 'post', url: await receiver.listen(), secret: acmeSecret }] } });
  try {
    const failed = new Promise<{ lastStatus: number | null; attempts: number }>((resolve) => server.webhooks!.once('webhook-failed', resolve));
    await send(server, { to: 'orders@acme.test', subject: 'doomed', text: 'x' });
    const event = await failed;
    assert.equal(event.lastStatus, 503);
    assert.equal(event.attempts, receiver.requests.length);
    assert.equal(server.webhooks!.pendingCount, 0);
    assert.deepEqual(await server.webhooks!.queue.messages(), []);
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('a slow receiver does not delay the SMTP 250: it arrives while the receiver still holds the request', async () => {
  const receiver = new TestReceiver();
  let release: (status: number) => void = () => {};
  receiver.answer = () => new Promise<number>((resolve) => (release = resolve));
  const server = await start({ webhooks: { routes: [{ match: { domain: 'acme.test' }, action: 'post', url: await receiver.listen(), secret: acmeSecret }] } });
  try {
    const delivered = new Promise((resolve) => server.webhooks!.once('webhook-delivered', resolve));
    await send(server, { to: 'orders@acme.test', subject: 'first', text: 'x' });
    await receiver.waitFor(1);
    // The receiver holds the first POST; a second message still gets its 250.
    await send(server, { to: 'orders@acme.test', subject: 'second', text: 'y' });
    assert.equal(server.webhooks!.pendingCount, 2);
    release(200);
    await delivered;
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('a crash before the receiver answered: the reopened level store dispatches it again, same delivery id', async () => {
  const directory = await mkdtemp(join(tmpdir(), 'posthouse-webhooks-'));
  const holding = new TestReceiver();
  holding.answer = () => new Promise<number>(() => {});
  const answering = new TestReceiver();
  try {
    const routes = (url: string) => [{ id: 'acme', match: { domain: 'acme.test' }, action: 'post' as const, url, secret: acmeSecret }];
    const first = await start({ store: levelStore({ path: directory }), webhooks: { routes: routes(await holding.listen()) } });
    await send(first, { to: 'orders@acme.test', subject: 'survives', text: 'x' });
    await holding.waitFor(1);
    await first.close({ graceMs: 100 });

    const second = await start({ store: levelStore({ path: directory }), webhooks: { routes: routes(await answering.listen()) } });
    try {
      await answering.waitFor(1);
      const payload = JSON.parse(answering.requests[0]!.body.toString()) as WebhookPayload;
      assert.equal(payload.subject, 'survives');
      assert.equal(header(answering.requests[0]!, 'posthouse-delivery-id'), header(holding.requests[0]!, 'posthouse-delivery-id'));
    } finally {
      await second.close();
    }
  } finally {
    await holding.close();
    await answering.close();
    await rm(directory, { recursive: true, force: true });
  }
});

test('raw format: the MIME as message/rfc822, the envelope in headers, signed', async () => {
  const receiver = new TestReceiver();
  const server = await start({ webhooks: { routes: [{ match: { domain: 'acme.test' }, action: 'post', format: 'raw', url: await receiver.listen(), secret: acmeSecret }] } });
  try {
    await send(server, { to: 'orders@acme.test', subject: 'raw one', text: 'body' });
    await receiver.waitFor(1);
    const [request] = receiver.requests;
    assert.equal(header(request!, 'content-type'), 'message/rfc822');
    assert.match(request!.body.toString(), /^Subject: raw one\r$/m);
    assert.equal(header(request!, 'posthouse-envelope-to'), 'orders@acme.test');
    assert.equal(header(request!, 'posthouse-envelope-from'), 'customer@outside.test');
    assert.equal(verifyWebhookSignature(acmeSecret, header(request!, 'posthouse-signature'), request!.body), true);
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('attachments: small ones inline, large ones by a signed URL that works, and 403s when wrong or expired', async () => {
  const receiver = new TestReceiver();
  const clock = { now: Date.now() };
  const server = await start({
    webhooks: { now: () => clock.now, inlineAttachmentLimit: 100, downloadUrlTtlMs: 60_000, routes: [{ match: { domain: 'acme.test' }, action: 'post', url: await receiver.listen(), secret: acmeSecret }] },
  });
  try {
    const large = Buffer.alloc(5000, 'L');
    await send(server, {
      to: 'orders@acme.test',
      subject: 'files',
      text: 'see attached',
      attachments: [
        { filename: 'small.txt', content: 'tiny' },
        { filename: 'large.bin', content: large, contentType: 'application/octet-stream' },
      ],
    });
    await receiver.waitFor(1);
    const payload = JSON.parse(receiver.requests[0]!.body.toString()) as WebhookPayload;
    const [small, big] = payload.attachments;
    assert.equal(Buffer.from(small!.content!, 'base64').toString(), 'tiny');
    assert.equal(small!.url, undefined);
    assert.equal(big!.content, undefined);
    assert.ok(big!.url!.startsWith(`http://127.0.0.1:${server.addresses.http!.port}/webhooks/attachments/`));
    const download = await fetch(big!.url!);
    assert.equal(download.status, 200);
    assert.deepEqual(Buffer.from(await download.arrayBuffer()), large);
    assert.match(download.headers.get('content-disposition')!, /large\.bin/);

    const wrong = big!.url!.replace(/token=([0-9a-f])/, (_match, digit: string) => `token=${digit === '0' ? '1' : '0'}`);
    assert.equal((await fetch(wrong)).status, 403);
    assert.equal((await fetch(big!.url!.replace(/\/1\?/, '/0?'))).status, 403);
    clock.now += 61_000;
    const expired = await fetch(big!.url!);
    assert.equal(expired.status, 403);
    assert.equal(((await expired.json()) as { error: { code: string } }).error.code, 'HTTP_FORBIDDEN');
  } finally {
    await server.close();
    await receiver.close();
  }
});

test('both: the copy is filed into the account and POSTed; store routes and plain accounts are untouched', async () => {
  const receiver = new TestReceiver();
  const server = await start({
    webhooks: {
      routes: [
        { id: 'keep', match: { pattern: 'boss@acme.test' }, action: 'store' },
        { id: 'both', match: { domain: 'acme.test' }, action: 'both', url: await receiver.listen(), secret: acmeSecret },
      ],
    },
  });
  try {
    await server.directory.addAccount('alice@acme.test', { password: 'pw-alice-123', createDomain: true });
    await server.directory.addAccount('boss@acme.test', { password: 'pw-boss-1234' });
    await send(server, { to: ['alice@acme.test', 'boss@acme.test'], subject: 'both ways', text: 'x' });
    await receiver.waitFor(1);
    const payload = JSON.parse(receiver.requests[0]!.body.toString()) as WebhookPayload;
    assert.deepEqual(payload.envelope.to, ['alice@acme.test']);
    assert.equal((await server.store.mailboxStatus('alice@acme.test', 'INBOX'))?.messages, 1);
    assert.equal((await server.store.mailboxStatus('boss@acme.test', 'INBOX'))?.messages, 1);
    // both needs an account: an unknown address of the domain is refused.
    await assert.rejects(send(server, { to: 'nobody@acme.test', subject: 'x', text: 'x' }), /550/);
  } finally {
    await server.close();
    await receiver.close();
  }
});
