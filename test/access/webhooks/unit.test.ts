import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryStore } from '../../../src/store/index.js';
import { WebhookRoutes } from '../../../src/access/webhooks/route-registry.js';
import { extractReplyText } from '../../../src/access/webhooks/reply-text.js';
import { signWebhook, verifyWebhookSignature } from '../../../src/access/webhooks/signature.js';
import { retryDelay, DEFAULT_RETRY } from '../../../src/access/webhooks/retry-policy.js';

const secret = 'whsec-0123456789abcdef';
const post = { action: 'post' as const, url: 'http://127.0.0.1:9/hook', secret };

test('reply text: the new text above a quoted block, an "On … wrote:" line, a separator or a signature', () => {
  assert.equal(extractReplyText('Sounds good.\n\nOn Mon, 2 Mar 2026 at 10:00, Bob <bob@example.com> wrote:\n> Lunch?\n> Bob'), 'Sounds good.');
  assert.equal(extractReplyText('Yes!\r\n> Are you coming?\r\n'), 'Yes!');
  assert.equal(extractReplyText('Thanks\n\nOn Mon, 2 Mar 2026, Bob Smith <bob@example.com>\nwrote:\n> hi'), 'Thanks');
  assert.equal(extractReplyText('Merci\n\nLe lun. 2 mars 2026, Bob a écrit :\n> salut'), 'Merci');
  assert.equal(extractReplyText('See below\n\n-----Original Message-----\nFrom: Bob\nSent: Monday'), 'See below');
  assert.equal(extractReplyText('Ok\n\nFrom: Bob <bob@example.com>\nSent: Monday\nSubject: hi'), 'Ok');
  assert.equal(extractReplyText('Cheers\n-- \nAlice, CEO'), 'Cheers');
  // Nothing to strip: a line that merely mentions "on" and "wrote" mid-text stays.
  assert.equal(extractReplyText('I wrote the report on Monday.\nIt is attached.'), 'I wrote the report on Monday.\nIt is attached.');
  assert.equal(extractReplyText(''), '');
});

test('route matching: patterns before the catch-all, then priority, case-insensitive, other domains never', async () => {
  const store = memoryStore();
  await store.open();
  const routes = new WebhookRoutes(store.records);
  await routes.put({ id: 'catch-all', match: { domain: 'Example.com' }, ...post });
  await routes.put({ id: 'support', match: { pattern: 'support+*@example.com' }, ...post });
  await routes.put({ id: 'ticket', match: { pattern: 'ticket-???@example.com' }, ...post });
  assert.equal(routes.match('Support+42@EXAMPLE.com')?.id, 'support');
  assert.equal(routes.match('ticket-123@example.com')?.id, 'ticket');
  assert.equal(routes.match('ticket-1234@example.com')?.id, 'catch-all');
  assert.equal(routes.match('anyone@example.com')?.id, 'catch-all');
  assert.equal(routes.match('support+1@example.org'), null);
  assert.equal(routes.match('not an address'), null);
  // Dots in a pattern are literal, not "any character".
  await routes.put({ id: 'dotted', match: { pattern: 'a.b@example.org' }, ...post });
  assert.equal(routes.match('axb@example.org'), null);
  // A lower priority number wins over a more specific pattern.
  await routes.put({ id: 'first', match: { domain: 'example.com' }, ...post, priority: -1 });
  assert.equal(routes.match('support+42@example.com')?.id, 'first');
  // The routes outlive the object: a new one over the same records reads them back in order.
  const reread = new WebhookRoutes(store.records);
  await reread.load();
  assert.deepEqual(reread.list().map((route) => route.id), ['first', 'dotted', 'support', 'ticket', 'catch-all']);
  await store.close();
});

test('route input: bad patterns, urls, secrets and actions get WEBHOOK_ROUTE_INVALID', async () => {
  const store = memoryStore();
  await store.open();
  const routes = new WebhookRoutes(store.records);
  const invalid = { code: 'WEBHOOK_ROUTE_INVALID' };
  await assert.rejects(routes.put({ match: { pattern: 'support@*.example.com' }, ...post }), invalid);
  await assert.rejects(routes.put({ match: { pattern: 'no-at-sign' }, ...post }), invalid);
  await assert.rejects(routes.put({ match: { domain: 'example.com' }, ...post, url: 'ftp://x' }), invalid);
  await assert.rejects(routes.put({ match: { domain: 'example.com' }, ...post, secret: 'short' }), invalid);
  await assert.rejects(routes.put({ match: { domain: 'example.com' }, action: 'drop' as 'post', url: post.url, secret }), invalid);
  await assert.rejects(routes.delete('nothing'), { code: 'WEBHOOK_ROUTE_NOT_FOUND' });
  assert.equal(routes.list().length, 0);
  await store.close();
});

test('signature: verifies the exact body within the tolerance, fails on any change', () => {
  const body = '{"subject":"hi"}';
  const header = signWebhook(secret, 1_767_225_600, body);
  assert.match(header, /^t=1767225600,v1=[0-9a-f]{64}$/);
  assert.equal(verifyWebhookSignature(secret, header, body, { now: 1_767_225_700 }), true);
  assert.equal(verifyWebhookSignature(secret, header, Buffer.from(body), { now: 1_767_225_700 }), true);
  assert.equal(verifyWebhookSignature(secret, header, `${body} `, { now: 1_767_225_700 }), false);
  assert.equal(verifyWebhookSignature('another-secret-0123', header, body, { now: 1_767_225_700 }), false);
  assert.equal(verifyWebhookSignature(secret, header, body, { now: 1_767_225_600 + 301 }), false);
  assert.equal(verifyWebhookSignature(secret, header, body, { now: 1_767_225_600 + 301, toleranceSeconds: 600 }), true);
  assert.equal(verifyWebhookSignature(secret, header.replace('t=1767225600', 't=1767225601'), body, { now: 1_767_225_700 }), false);
  // A rotated secret: any v1 entry may match.
  const rotated = `${header},v1=${signWebhook('old-secret-0123456', 1_767_225_600, body).split('v1=')[1]}`;
  assert.equal(verifyWebhookSignature('old-secret-0123456', rotated, body, { now: 1_767_225_700 }), true);
  for (const garbage of ['', 't=1', 'v1=zz', 't=x,v1=' + 'a'.repeat(64), undefined, null]) {
    assert.equal(verifyWebhookSignature(secret, garbage, body), false);
  }
});

test('retry delay doubles from the initial delay and stops at the maximum', () => {
  assert.equal(retryDelay(DEFAULT_RETRY, 1), 30_000);
  assert.equal(retryDelay(DEFAULT_RETRY, 2), 60_000);
  assert.equal(retryDelay(DEFAULT_RETRY, 50), 3_600_000);
});
