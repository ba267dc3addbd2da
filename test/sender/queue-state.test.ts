import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newEntry } from '../../src/sender/queue/queue-records.js';
import { applyAttempt, dueByDomain, dueNow, nextDueAt } from '../../src/sender/queue/transitions.js';
import { DEFAULT_RETRY_SCHEDULE, retryDelay, retrySchedule } from '../../src/sender/scheduler/retry-schedule.js';
import type { RecipientAttempt } from '../../src/interfaces/sender.js';
import { DAY, HOUR, MINUTE } from './queue-fakes.js';

const start = new Date('2026-05-01T00:00:00Z');
const entry = () =>
  newEntry({ id: 'q1', mailFrom: 'a@here.test', rcptTo: ['b@one.test', 'c@one.test', 'd@two.test', 'b@one.test'], reason: 'submission', account: null, size: 10, dsn: null, now: start, maxAgeMs: 5 * DAY });
const verdict = (recipient: string, status: RecipientAttempt['status']): RecipientAttempt => ({ recipient, status, responseCode: status === 'delivered' ? 250 : status === 'failed' ? 550 : 451, enhancedCode: null, reply: status, remoteHost: 'mx' });

test('the default schedule: 5 min, doubling, at most 1 h, 5 days in all', () => {
  assert.deepEqual({ ...DEFAULT_RETRY_SCHEDULE }, { firstRetryMs: 5 * MINUTE, backoffFactor: 2, maxRetryMs: HOUR, maxAgeMs: 5 * DAY });
  assert.deepEqual([1, 2, 3, 4, 5, 6, 20].map((n) => retryDelay(DEFAULT_RETRY_SCHEDULE, n) / MINUTE), [5, 10, 20, 40, 60, 60, 60]);
  assert.equal(retryDelay(retrySchedule({ firstRetryMs: 1000, backoffFactor: 1 }), 9), 1000);
  assert.throws(() => retrySchedule({ firstRetryMs: 0 }), /firstRetryMs/);
  assert.throws(() => retrySchedule({ backoffFactor: 0.5 }), /backoffFactor/);
  assert.throws(() => retrySchedule({ maxAgeMs: Number.NaN }), /maxAgeMs/);
});

test('a new entry: recipients deduplicated, all queued and due now, grouped by domain', () => {
  const queued = entry();
  assert.deepEqual(queued.recipients.map((recipient) => [recipient.address, recipient.status]), [['b@one.test', 'queued'], ['c@one.test', 'queued'], ['d@two.test', 'queued']]);
  assert.equal(queued.expiresAt, '2026-05-06T00:00:00.000Z');
  assert.deepEqual([...dueByDomain(queued, start)], [['one.test', ['b@one.test', 'c@one.test']], ['two.test', ['d@two.test']]]);
  assert.deepEqual([...dueByDomain({ ...queued, held: true }, start)], [], 'held: nothing due');
  assert.equal(nextDueAt({ ...queued, held: true }), null);
});

test('the state machine: delivered and failed are final, deferred backs off, history is kept', () => {
  const { entry: after, changes } = applyAttempt(entry(), [verdict('b@one.test', 'delivered'), verdict('c@one.test', 'deferred'), verdict('d@two.test', 'failed')], start, DEFAULT_RETRY_SCHEDULE);
  assert.deepEqual(after.recipients.map((recipient) => [recipient.status, recipient.attempts, recipient.nextAttemptAt]), [
    ['delivered', 1, null],
    ['deferred', 1, '2026-05-01T00:05:00.000Z'],
    ['failed', 1, null],
  ]);
  assert.deepEqual(changes.map((change) => change.status), ['delivered', 'deferred', 'failed']);
  assert.equal(after.attempts.length, 3);
  assert.deepEqual(after.attempts[1], { at: start.toISOString(), recipient: 'c@one.test', status: 'deferred', responseCode: 451, enhancedCode: null, reply: 'deferred', remoteHost: 'mx' });
  // A verdict for a recipient already final changes nothing: a late or repeated answer cannot undo a 250.
  const again = applyAttempt(after, [verdict('b@one.test', 'failed')], start, DEFAULT_RETRY_SCHEDULE);
  assert.equal(again.entry.recipients[0]!.status, 'delivered');
  assert.deepEqual(again.changes, []);
  assert.deepEqual([...dueByDomain(after, new Date(start.getTime() + 4 * MINUTE))], []);
  assert.deepEqual([...dueByDomain(after, new Date(start.getTime() + 5 * MINUTE))], [['one.test', ['c@one.test']]]);
  assert.deepEqual([...dueByDomain(dueNow(after, start), start)], [['one.test', ['c@one.test']]], 'retry now');
});

test('a temporary failure at or after expiry is final, with 4.4.7; the last retry is never later than expiry', () => {
  let current = entry();
  let now = start;
  for (let attempt = 0; attempt < 200 && current.recipients[2]!.status !== 'failed'; attempt += 1) {
    current = applyAttempt(current, [verdict('d@two.test', 'deferred')], now, DEFAULT_RETRY_SCHEDULE).entry;
    const next = current.recipients[2]!.nextAttemptAt;
    if (next !== null) now = new Date(next);
  }
  const last = current.recipients[2]!;
  assert.equal(last.status, 'failed');
  assert.equal(last.lastReply?.enhancedCode, '4.4.7');
  assert.match(last.lastReply!.reply, /expired/);
  assert.equal(now.toISOString(), current.expiresAt, 'the final attempt happened exactly at expiry');
  // 5 + 10 + 20 + 40 min, then hourly: 4 + (120 h - 75 min) / 1 h → 123 attempts before the one at expiry.
  assert.equal(last.attempts, 124);
  assert.equal(current.attempts.length, 100, 'history is bounded');
});
