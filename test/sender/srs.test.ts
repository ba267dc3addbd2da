import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isPosthouseError } from '../../src/errors/index.js';
import { srsForward, srsReverse, SRS_MAX_AGE_DAYS } from '../../src/sender/srs.js';

const SECRET = 'a-long-random-secret';
const now = new Date('2026-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

describe('SRS (Shevek scheme)', () => {
  test('forwards to SRS0=HHHH=TT=domain=local@forwarder and reverses it', () => {
    const rewritten = srsForward('alice@example.com', 'fwd.test', SECRET, now);
    assert.match(rewritten, /^SRS0=[A-Za-z0-9+/]{4}=[A-Z2-7]{2}=example\.com=alice@fwd\.test$/);
    assert.equal(srsReverse(rewritten, SECRET, now), 'alice@example.com');
  });

  test('survives a mailer that folds the case of the address', () => {
    const rewritten = srsForward('Alice@Example.com', 'fwd.test', SECRET, now);
    assert.equal(srsReverse(rewritten.toLowerCase(), SECRET, now), 'alice@example.com');
  });

  test('refuses a forged hash or another secret', () => {
    const rewritten = srsForward('alice@example.com', 'fwd.test', SECRET, now);
    const forged = rewritten.replace(/^SRS0=(....)/, 'SRS0=AAAA');
    assert.equal(srsReverse(forged, SECRET, now), null);
    assert.equal(srsReverse(rewritten, 'another-secret', now), null);
    assert.equal(srsReverse('SRS0=xxxx=AB=example.com=alice@fwd.test', SECRET, now), null);
  });

  test('is valid for a bounded number of days, then refused', () => {
    const rewritten = srsForward('alice@example.com', 'fwd.test', SECRET, now);
    assert.equal(srsReverse(rewritten, SECRET, new Date(now.getTime() + SRS_MAX_AGE_DAYS * DAY)), 'alice@example.com');
    assert.equal(srsReverse(rewritten, SECRET, new Date(now.getTime() + (SRS_MAX_AGE_DAYS + 1) * DAY)), null);
    assert.equal(srsReverse(rewritten, SECRET, new Date(now.getTime() + 3 * DAY), 2), null);
    assert.equal(srsReverse(rewritten, SECRET, new Date(now.getTime() - 2 * DAY)), null, 'a stamp from the future');
  });

  test('re-forwarding an SRS0 address gives SRS1, which reverses to the first forwarder', () => {
    const first = srsForward('alice@example.com', 'first.test', SECRET, now);
    const second = srsForward(first, 'second.test', SECRET, now);
    assert.match(second, /^SRS1=[^=]{4}=first\.test==/);
    assert.equal(srsForward(second, 'third.test', SECRET, now).split('@')[0]?.split('==')[1], second.split('@')[0]?.split('==')[1]);
    assert.equal(srsReverse(second, SECRET, now), first);
    assert.equal(srsReverse(first, SECRET, now), 'alice@example.com');
  });

  test('leaves the null sender alone, and returns our own SRS address unchanged', () => {
    assert.equal(srsForward('', 'fwd.test', SECRET, now), '');
    const rewritten = srsForward('alice@example.com', 'fwd.test', SECRET, now);
    assert.equal(srsForward(rewritten, 'fwd.test', SECRET, now), rewritten);
  });

  test('is null for an address that is not SRS, and refuses to forward a non-address', () => {
    assert.equal(srsReverse('alice@fwd.test', SECRET, now), null);
    assert.equal(srsReverse('no-at-sign', SECRET, now), null);
    assert.throws(() => srsForward('no-at-sign', 'fwd.test', SECRET, now), (error) => isPosthouseError(error, 'ADDRESS_INVALID'));
  });

  test('round-trips any local part, "=" and "@" included', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9.!#$%&'*+\/=?^_`{|}~@-]{1,40}$/), fc.integer({ min: 0, max: SRS_MAX_AGE_DAYS }), (local, ageDays) => {
        const rewritten = srsForward(`${local}@example.org`, 'fwd.test', SECRET, now);
        assert.equal(srsReverse(rewritten, SECRET, new Date(now.getTime() + ageDays * DAY)), `${local}@example.org`);
      }),
    );
  });
});
