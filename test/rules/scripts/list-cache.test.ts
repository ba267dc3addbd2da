import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScriptStore, sieveEngine } from '../../../src/rules/scripts/index.js';
import { memoryStore } from '../../../src/store/index.js';
import type { RecordStore } from '../../../src/interfaces/store.js';

function countingRecords(records: RecordStore): { records: RecordStore; lists: () => number; gets: () => number } {
  let lists = 0;
  let gets = 0;
  return {
    lists: () => lists,
    gets: () => gets,
    records: {
      get: (namespace, key) => {
        gets += 1;
        return records.get(namespace, key);
      },
      put: (namespace, key, value) => records.put(namespace, key, value),
      delete: (namespace, key) => records.delete(namespace, key),
      list: (namespace) => {
        lists += 1;
        return records.list(namespace);
      },
    },
  };
}

test('deliveries do not list scripts again until a script changes', async () => {
  const counting = countingRecords(memoryStore().records);
  const scripts = createScriptStore({ records: counting.records, engine: sieveEngine });
  await scripts.putGlobal('spam', 'require "fileinto"; if header :contains "x-spam" "yes" { fileinto "Junk"; }');
  await scripts.put('a@example.com', 'main', 'keep;');
  await scripts.activate('a@example.com', 'main');
  await scripts.ruleSetsFor('a@example.com');
  const afterFirst = counting.lists();
  assert.equal((await scripts.ruleSetsFor('a@example.com')).sets.length, 2);
  assert.equal(counting.lists(), afterFirst, 'the second delivery read no list');
  await scripts.putGlobal('more', 'keep;');
  assert.equal((await scripts.ruleSetsFor('a@example.com')).sets.length, 3, 'a new global script is seen at once');
});

test('a shared store lists on every delivery, so other processes’ writes are seen', async () => {
  const counting = countingRecords(memoryStore().records);
  const scripts = createScriptStore({ records: counting.records, engine: sieveEngine, shared: true });
  await scripts.putGlobal('spam', 'keep;');
  await scripts.ruleSetsFor('b@example.com');
  const afterFirst = counting.lists();
  await scripts.ruleSetsFor('b@example.com');
  assert.ok(counting.lists() > afterFirst);
});

test('an account without scripts costs a delivery no record read after its first', async () => {
  const counting = countingRecords(memoryStore().records);
  const scripts = createScriptStore({ records: counting.records, engine: sieveEngine });
  assert.deepEqual(await scripts.ruleSetsFor('c@example.com'), { sets: [], skipped: [] });
  const reads = counting.gets() + counting.lists();
  assert.deepEqual(await scripts.ruleSetsFor('c@example.com'), { sets: [], skipped: [] });
  assert.equal(counting.gets() + counting.lists(), reads);
});

test('activating and deactivating a script are seen by the next delivery', async () => {
  const counting = countingRecords(memoryStore().records);
  const scripts = createScriptStore({ records: counting.records, engine: sieveEngine });
  await scripts.put('d@example.com', 'main', 'keep;');
  assert.equal((await scripts.ruleSetsFor('d@example.com')).sets.length, 0, 'written but not active');
  await scripts.activate('d@example.com', 'main');
  assert.equal((await scripts.ruleSetsFor('d@example.com')).sets.length, 1);
  await scripts.activate('d@example.com', null);
  assert.equal((await scripts.ruleSetsFor('d@example.com')).sets.length, 0);
  await scripts.activate('d@example.com', 'main');
  await scripts.rename('d@example.com', 'main', 'renamed');
  assert.equal((await scripts.ruleSetsFor('d@example.com')).sets.length, 1, 'a renamed active script stays active');
});

test('a shared store reads the active script on every delivery', async () => {
  const counting = countingRecords(memoryStore().records);
  const scripts = createScriptStore({ records: counting.records, engine: sieveEngine, shared: true });
  await scripts.ruleSetsFor('e@example.com');
  const reads = counting.gets();
  await scripts.ruleSetsFor('e@example.com');
  assert.ok(counting.gets() > reads);
});

test('a read that overlaps a write is not kept: the next delivery sees the write', async () => {
  const records = memoryStore().records;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let reached!: () => void;
  const atGate = new Promise<void>((resolve) => (reached = resolve));
  let armed = false;
  let held = false;
  const slowRecords: RecordStore = {
    get: async (namespace, key) => {
      const value = await records.get(namespace, key);
      if (namespace === 'rules.active' && armed && !held) {
        // the first read of the active script finishes only after the activation below
        held = true;
        reached();
        await gate;
      }
      return value as never;
    },
    put: (namespace, key, value) => records.put(namespace, key, value),
    delete: (namespace, key) => records.delete(namespace, key),
    list: (namespace) => records.list(namespace),
  };
  const scripts = createScriptStore({ records: slowRecords, engine: sieveEngine });
  await scripts.put('f@example.com', 'main', 'keep;');
  // a write forgets what `put` read, so the delivery below reads the active script again
  await scripts.activate('f@example.com', null);
  armed = true;
  const overlapping = scripts.ruleSetsFor('f@example.com');
  await atGate;
  await scripts.activate('f@example.com', 'main');
  release();
  assert.equal((await overlapping).sets.length, 0, 'the read began before the activation');
  assert.equal((await scripts.ruleSetsFor('f@example.com')).sets.length, 1);
});
