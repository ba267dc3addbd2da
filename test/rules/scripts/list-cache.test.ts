import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScriptStore, sieveEngine } from '../../../src/rules/scripts/index.js';
import { memoryStore } from '../../../src/store/index.js';
import type { RecordStore } from '../../../src/interfaces/store.js';

function countingRecords(records: RecordStore): { records: RecordStore; lists: () => number } {
  let lists = 0;
  return {
    lists: () => lists,
    records: {
      get: (namespace, key) => records.get(namespace, key),
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
