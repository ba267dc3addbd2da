import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { ErrorCodes } from '../../src/errors/codes.js';
import { isPosthouseError } from '../../src/errors/posthouse-error.js';
import type { SenderEvents } from '../../src/interfaces/events.js';
import type { Store } from '../../src/interfaces/store.js';
import { createSender, manualClock, type SenderOptions } from '../../src/sender/index.js';
import { memoryStore } from '../../src/store/index.js';
import { DAY, fakeTransport, HOUR, MINUTE, type FakeTransport, type Verdict } from './queue-fakes.js';

const message = Buffer.from('From: a@here.test\r\nTo: b@one.test\r\nSubject: hello\r\nMessage-ID: <m1@here.test>\r\n\r\nbody\r\n');

async function setup(transport: FakeTransport, options: Partial<SenderOptions> = {}) {
  const store: Store = memoryStore();
  await store.open();
  const clock = manualClock(new Date('2026-05-01T00:00:00Z'));
  const local: Array<{ mailFrom: string; rcptTo: string[]; raw: Buffer }> = [];
  const sender = createSender({
    store,
    transport,
    hostname: 'mx.here.test',
    clock,
    deliverLocal: async (mailFrom, rcptTo, raw) => void local.push({ mailFrom, rcptTo, raw }),
    isLocal: (address) => address.endsWith('@here.test'),
    ...options,
  });
  const events: Array<[keyof SenderEvents, string]> = [];
  for (const name of ['delivered', 'deferred', 'failed', 'bounce'] as const) sender.on(name, (event) => events.push([name, event.recipient]));
  return { store, clock, sender, local, events, close: () => store.close() };
}

test('recipients of one domain share one transaction; delivered messages leave the queue', async () => {
  const transport = fakeTransport();
  const { sender, events, close } = await setup(transport);
  const queued = await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test', 'c@ONE.test', 'd@two.test'], source: message, reason: 'submission' });
  assert.deepEqual((await sender.list()).map((entry) => [entry.id, entry.recipientStates.queued]), [[queued.id, 3]]);
  await sender.runDue();
  assert.deepEqual(
    transport.calls.map(({ attempt }) => [attempt.domain, attempt.recipients, attempt.mailFrom]),
    [['one.test', ['b@one.test', 'c@ONE.test'], 'a@here.test'], ['two.test', ['d@two.test'], 'a@here.test']],
  );
  assert.deepEqual(transport.calls[0]!.raw, message);
  assert.deepEqual(events.sort(), [['delivered', 'b@one.test'], ['delivered', 'c@ONE.test'], ['delivered', 'd@two.test']]);
  assert.deepEqual(await sender.list(), []);
  await assert.rejects(sender.show(queued.id), (error) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_NOT_FOUND));
  await close();
});

test('retries follow the schedule: nothing before the due time, then 5 and 10 minutes later', async () => {
  let calls = 0;
  const transport = fakeTransport(() => (++calls < 3 ? 'deferred' : 'delivered'));
  const { sender, clock, events, close } = await setup(transport);
  const { id } = await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission' });
  await sender.runDue();
  const shown = await sender.show(id);
  assert.equal(shown.recipients[0]!.status, 'deferred');
  assert.equal(shown.recipients[0]!.nextAttemptAt, '2026-05-01T00:05:00.000Z');
  assert.equal(shown.recipients[0]!.lastReply?.reply, 'try later');
  clock.advance(5 * MINUTE - 1);
  await sender.runDue();
  assert.equal(transport.calls.length, 1, 'not due yet');
  clock.advance(1);
  await sender.runDue();
  assert.equal(transport.calls.length, 2);
  clock.advance(10 * MINUTE);
  await sender.runDue();
  assert.equal(transport.calls.length, 3);
  assert.deepEqual(events.map(([name]) => name), ['deferred', 'deferred', 'delivered']);
  assert.deepEqual(await sender.list(), []);
  await close();
});

test('concurrency: never more than the total, nor the per-domain limit, and both are reached', async () => {
  const running = new Map<string, number>();
  let total = 0;
  let peakTotal = 0;
  const peakPerDomain = new Map<string, number>();
  const transport = fakeTransport(async (recipient, attempt): Promise<Verdict> => {
    if (recipient !== attempt.recipients[0]) return 'delivered';
    total += 1;
    running.set(attempt.domain, (running.get(attempt.domain) ?? 0) + 1);
    peakTotal = Math.max(peakTotal, total);
    peakPerDomain.set(attempt.domain, Math.max(peakPerDomain.get(attempt.domain) ?? 0, running.get(attempt.domain)!));
    for (let turn = 0; turn < 5; turn += 1) await nextMacrotask();
    total -= 1;
    running.set(attempt.domain, running.get(attempt.domain)! - 1);
    return 'delivered';
  });
  const { sender, close } = await setup(transport, { concurrency: { total: 3, perDomain: 2 } });
  for (let index = 0; index < 8; index += 1) {
    await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: [`r${index}@one.test`, `r${index}@two.test`], source: message, reason: 'submission' });
  }
  await sender.runDue();
  assert.equal(transport.calls.length, 16);
  assert.equal(peakTotal, 3);
  assert.deepEqual([...peakPerDomain.values()].sort(), [2, 2]);
  await close();
});

test('hold keeps a message from being tried, release and retry bring it back, remove drops it without a bounce', async () => {
  const transport = fakeTransport(() => 'deferred');
  const { sender, clock, local, close } = await setup(transport);
  const held = await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission' });
  assert.equal((await sender.hold(held.id)).held, true);
  await sender.runDue();
  assert.equal(transport.calls.length, 0);
  clock.advance(6 * DAY);
  await sender.runDue();
  assert.equal(transport.calls.length, 0, 'a held message is not tried, even past its lifetime');
  clock.set(new Date('2026-05-01T00:00:00Z'));
  assert.equal((await sender.release(held.id)).held, false);
  await sender.runDue();
  assert.equal(transport.calls.length, 1);
  assert.equal((await sender.show(held.id)).recipients[0]!.status, 'deferred');
  await sender.runDue();
  assert.equal(transport.calls.length, 1, 'deferred: not due again yet');
  const retried = await sender.retryNow(held.id);
  assert.equal(retried.nextAttemptAt, '2026-05-01T00:00:00.000Z');
  await sender.runDue();
  assert.equal(transport.calls.length, 2, 'retry now');
  assert.equal((await sender.show(held.id)).attempts.length, 2);
  await sender.remove(held.id);
  assert.deepEqual(await sender.list(), []);
  await assert.rejects(sender.read(held.id), (error) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_NOT_FOUND));
  for (const call of [sender.hold('nope'), sender.release('nope'), sender.retryNow('nope'), sender.remove('nope')]) {
    await assert.rejects(call, (error) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_NOT_FOUND));
  }
  clock.advance(6 * DAY);
  await sender.runDue();
  assert.deepEqual(local, [], 'no bounce for a removed message');
  await close();
});

test('a permanent failure bounces to a local sender through deliverLocal, from <>, and the entry goes', async () => {
  const transport = fakeTransport((recipient) => (recipient.startsWith('bad') ? 'failed' : 'delivered'));
  const { sender, local, events, close } = await setup(transport);
  await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['good@one.test', 'bad@one.test'], source: message, reason: 'submission' });
  await sender.runDue();
  assert.equal(local.length, 1);
  assert.equal(local[0]!.mailFrom, '');
  assert.deepEqual(local[0]!.rcptTo, ['a@here.test']);
  const text = local[0]!.raw.toString('utf8');
  assert.match(text, /multipart\/report/i);
  assert.match(text, /Final-Recipient: rfc822; ?bad@one\.test/i);
  assert.doesNotMatch(text, /Final-Recipient: rfc822; ?good@one\.test/i);
  assert.match(text, /Status: 5\.1\.1/);
  assert.deepEqual(events.filter(([name]) => name === 'bounce' || name === 'failed'), [['failed', 'bad@one.test'], ['bounce', 'bad@one.test']]);
  assert.deepEqual(await sender.list(), []);
  await close();
});

test('a bounce to a remote sender is queued from <> as reason bounce; a bounce of it goes nowhere (no loops)', async () => {
  const transport = fakeTransport(() => 'failed');
  const { sender, local, events, close } = await setup(transport);
  await sender.enqueue({ mailFrom: 'x@elsewhere.test', rcptTo: ['bad@one.test'], source: message, reason: 'redirect' });
  await sender.runDue();
  const [bounce] = await sender.list();
  assert.ok(bounce !== undefined, 'the bounce is queued');
  assert.deepEqual([bounce.mailFrom, bounce.rcptTo, bounce.reason], ['', ['x@elsewhere.test'], 'bounce']);
  await sender.runDue();
  assert.equal(transport.calls.length, 2, 'the bounce was tried, and failed');
  assert.deepEqual(await sender.list(), [], 'its failure is dropped, not bounced');
  assert.deepEqual(local, []);
  assert.deepEqual(events.map(([name]) => name), ['failed', 'bounce', 'failed', 'bounce'], 'the event still says the bounce bounced');
  await close();
});

test('one "delayed" warning after 4 hours, then a bounce at expiry after 5 days', async () => {
  const transport = fakeTransport(() => 'deferred');
  const { sender, clock, local, close } = await setup(transport);
  const { id } = await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission', dsn: { ret: 'HDRS', envid: 'env-1' } });
  await sender.runDue();
  for (let elapsed = 0; elapsed < 6 * DAY && (await sender.list()).length > 0; elapsed += 5 * MINUTE) {
    clock.advance(5 * MINUTE);
    await sender.runDue();
    if (elapsed === 3 * HOUR) assert.equal(local.length, 0, 'no warning before 4 hours');
    if (elapsed === 5 * HOUR) assert.equal(local.length, 1, 'the warning came at 4 hours');
  }
  assert.equal(local.length, 2, 'one warning, one bounce');
  const [warning, bounce] = local.map((notice) => notice.raw.toString('utf8'));
  assert.match(warning!, /Action: delayed/);
  assert.match(warning!, /Will-Retry-Until:/);
  assert.match(bounce!, /Action: failed/);
  assert.match(bounce!, /Status: 4\.4\.7/);
  assert.match(bounce!, /Original-Envelope-Id: env-1/);
  assert.doesNotMatch(bounce!, /^body$/m, 'RET=HDRS: headers only');
  assert.equal(clock.now().getTime() - Date.parse('2026-05-01T00:00:00Z') <= 5 * DAY + 5 * MINUTE, true, 'it expired at 5 days');
  await assert.rejects(sender.show(id), (error) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_NOT_FOUND));
  await close();
});

test('the null sender gets neither warning nor bounce; a transport that throws defers', async () => {
  let throws = true;
  const transport = fakeTransport(() => {
    if (throws) throw new Error('socket exploded');
    return 'failed';
  });
  const { sender, clock, local, events, close } = await setup(transport, { schedule: { maxAgeMs: 6 * HOUR } });
  const { id } = await sender.enqueue({ mailFrom: '', rcptTo: ['b@one.test'], source: message, reason: 'vacation' });
  await sender.runDue();
  const shown = await sender.show(id);
  assert.equal(shown.recipients[0]!.status, 'deferred');
  assert.match(shown.recipients[0]!.lastReply!.reply, /socket exploded/);
  clock.advance(5 * HOUR);
  await sender.retryNow(id);
  await sender.runDue();
  assert.notEqual((await sender.show(id)).warnedAt, null, 'the warning is settled without a message');
  throws = false;
  await sender.retryNow(id);
  await sender.runDue();
  assert.deepEqual(local, []);
  assert.deepEqual(await sender.list(), []);
  assert.deepEqual(events.map(([name]) => name), ['deferred', 'deferred', 'failed', 'bounce']);
  await close();
});

test('start() delivers on its own (a real timer), stop() lets the transaction finish and closes the transport', async () => {
  const transport = fakeTransport();
  const { store } = await setup(transport);
  const sender = createSender({ store, transport, hostname: 'mx.here.test', deliverLocal: async () => {} });
  sender.start();
  const delivered = new Promise((resolve) => sender.once('delivered', resolve));
  await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission' });
  await delivered;
  await sender.stop();
  assert.equal(transport.closed, true);
  assert.deepEqual(await sender.list(), []);
  await store.close();
});
