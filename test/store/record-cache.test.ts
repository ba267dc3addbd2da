import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RecordCache } from '../../src/store/level/record-cache.js';

test('the record cache keeps known-absent entries and evicts the least recently used', () => {
  const cache = new RecordCache(2);
  cache.set('a', '1');
  cache.set('b', null);
  assert.equal(cache.get('a'), '1');
  assert.equal(cache.get('b'), null);
  assert.equal(cache.get('c'), undefined);
  cache.get('a');
  cache.set('c', '3');
  assert.equal(cache.get('b'), undefined, 'b was used least recently');
  assert.equal(cache.get('a'), '1');
  cache.delete('a');
  assert.equal(cache.get('a'), undefined);
});

test('the record cache never keeps large values', () => {
  const cache = new RecordCache(10);
  cache.set('small', 'x');
  cache.set('body', 'x'.repeat(100_000));
  assert.equal(cache.get('small'), 'x');
  assert.equal(cache.get('body'), undefined);
});
