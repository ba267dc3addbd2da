// RuleMemory lives in src/rules/memory; its tests sit with script storage, the other rules records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StoreRuleMemory } from '../../../src/rules/memory/index.js';
import { memoryStore } from '../../../src/store/index.js';

test('seenWithin answers within the interval only, per account and kind', async () => {
  const store = memoryStore();
  await store.open();
  const memory = new StoreRuleMemory({ records: store.records });
  const t0 = new Date('2026-03-01T00:00:00Z');
  const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
  assert.equal(await memory.seenWithin('a@x', 'vacation', 'bob@y', 86_400, t0), false);
  await memory.record('a@x', 'vacation', 'bob@y', t0);
  assert.equal(await memory.seenWithin('a@x', 'vacation', 'bob@y', 86_400, later(86_399)), true);
  assert.equal(await memory.seenWithin('a@x', 'vacation', 'bob@y', 86_400, later(86_400)), false);
  assert.equal(await memory.seenWithin('c@x', 'vacation', 'bob@y', 86_400, later(10)), false);
  assert.equal(await memory.seenWithin('a@x', 'duplicate', 'bob@y', 86_400, later(10)), false);
  await store.close();
});

test('entries past the retention are swept, and the sweep runs by itself every N records', async () => {
  const store = memoryStore();
  await store.open();
  const memory = new StoreRuleMemory({ records: store.records, retentionSeconds: 100, sweepEvery: 3 });
  const t0 = new Date('2026-03-01T00:00:00Z');
  await memory.record('a@x', 'duplicate', 'id-1', t0);
  await memory.record('a@x', 'vacation', 'bob@y', t0);
  assert.equal((await store.records.list('rules.memory.duplicate')).length, 1);
  await memory.record('a@x', 'duplicate', 'id-2', new Date(t0.getTime() + 200_000));
  assert.deepEqual((await store.records.list('rules.memory.duplicate')).length, 1, 'id-1 swept, id-2 kept');
  assert.equal((await store.records.list('rules.memory.vacation')).length, 0);
  const key = 'x'.repeat(5000);
  await memory.record('a@x', 'duplicate', key, t0);
  assert.equal(await memory.seenWithin('a@x', 'duplicate', key, 10, t0), true, 'long keys are hashed');
  await store.close();
});
