import assert from 'node:assert/strict';
import { ErrorCodes } from '../errors/codes.js';
import type { MessageQuery, Store } from '../interfaces/store.js';
import { ALICE, appendMany, rejectsWithCode, withStore, type StoreComplianceCase } from './store-compliance-helpers.js';

async function listedUids(store: Store, query: MessageQuery): Promise<number[]> {
  return (await store.listMessages(ALICE, 'INBOX', query)).map((message) => message.uid);
}

/** Order and limit cases: newest pages walked from the highest UID down (`MessageQuery.order`). */
export const orderCases: StoreComplianceCase[] = [
  {
    name: "listMessages with order 'desc' returns the highest UIDs first, limit counting from the top",
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 8);
      await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 3, end: 4 }] }, { operation: 'add', flags: ['\\Deleted'] });
      await store.expunge(ALICE, 'INBOX');
      assert.deepEqual(await listedUids(store, { order: 'desc' }), [8, 7, 6, 5, 2, 1]);
      assert.deepEqual(await listedUids(store, { order: 'desc', limit: 3 }), [8, 7, 6]);
      assert.deepEqual(await listedUids(store, { order: 'asc', limit: 3 }), [1, 2, 5]);
      assert.deepEqual(await listedUids(store, { limit: 0, order: 'desc' }), []);
      // Ranges are walked from the top, each UID once even where ranges overlap.
      assert.deepEqual(await listedUids(store, { order: 'desc', uids: [{ start: 1, end: 2 }, { start: 5, end: 6 }, { start: 6, end: 7 }] }), [7, 6, 5, 2, 1]);
      assert.deepEqual(await listedUids(store, { order: 'desc', uids: [{ start: 1, end: 6 }], limit: 2 }), [6, 5]);
      assert.deepEqual(await listedUids(store, { order: 'desc', uids: [{ start: 1, end: Infinity }], limit: 1 }), [8]);
    }),
  },
  {
    name: "order 'desc' with changedSince skips unchanged messages; other calls take the newest selection",
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 6);
      const before = (await store.mailboxStatus(ALICE, 'INBOX'))!.highestModseq;
      await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 2, end: 2 }, { start: 4, end: 4 }] }, { operation: 'add', flags: ['$Seen2'] });
      assert.deepEqual(await listedUids(store, { order: 'desc', changedSince: before }), [4, 2]);
      assert.deepEqual(await listedUids(store, { order: 'desc', changedSince: before, limit: 1 }), [4]);
      const flagged = await store.updateFlags(ALICE, 'INBOX', { order: 'desc', limit: 2 }, { operation: 'add', flags: ['\\Flagged'] });
      assert.deepEqual(flagged.updated.map((entry) => entry.uid), [5, 6], 'the two newest, in ascending order');
      await rejectsWithCode(store.listMessages(ALICE, 'INBOX', { order: 'sideways' as 'asc' }), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
];
