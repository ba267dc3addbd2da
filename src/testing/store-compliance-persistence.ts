import assert from 'node:assert/strict';
import type { MessageSummary } from '../interfaces/message.js';
import type { Store } from '../interfaces/store.js';
import { ALICE, appendMany, blobCountOf, sampleMessage, withStore, type StoreComplianceCase, type StoreFactory } from './store-compliance-helpers.js';

/** Closes the current store and opens the same data again, through the factory. */
async function reopen(factory: StoreFactory): Promise<Store> {
  if (factory.reopen === undefined) throw new Error('persistence cases need factory.reopen()');
  const store = await factory.reopen();
  await store.open();
  return store;
}

/** Runs `body` with a store to fill, then with the same data reopened; closes both. */
async function acrossReopen(factory: StoreFactory, fill: (store: Store) => Promise<void>, check: (store: Store) => Promise<void>): Promise<void> {
  await withStore(factory, fill);
  const reopened = await reopen(factory);
  try {
    await check(reopened);
  } finally {
    await reopened.close().catch(() => {});
  }
}

const summary: MessageSummary = {
  subject: 'Kept', from: [{ name: 'A', address: 'a@example.test' }], to: [], cc: [],
  date: new Date('2026-02-03T04:05:06Z'), messageId: null, snippet: 'kept', hasAttachments: true,
};

/** Cases for adapters whose `capabilities.persistent` is true; they need `factory.reopen`. */
export const persistenceCases: StoreComplianceCase[] = [
  {
    name: 'everything survives close and reopen',
    run: async (factory) => {
      const statuses: unknown[] = [];
      const internalDate = new Date('2026-03-04T05:06:07Z');
      await acrossReopen(factory, async (store) => {
        assert.equal(store.capabilities.persistent, true);
        await store.ensureAccount(ALICE, [{ name: 'Sent', specialUse: '\\Sent' }]);
        await store.createMailbox(ALICE, 'Projects/Ünïcødé');
        await store.append({ account: ALICE, mailbox: 'INBOX', flags: ['\\Seen', '$Kept'] }, Buffer.from([0, 0xff, 0x0d, 0x0a]), { internalDate, summary });
        await store.append({ account: ALICE, mailbox: 'Projects/Ünïcødé' }, sampleMessage(2));
        await store.setSubscribed(ALICE, 'Projects', true);
        await store.setQuota(ALICE, { maxMessages: 100 });
        await store.records.put('directory', 'alice', { password: 'hash' });
        statuses.push(...(await store.listMailboxes(ALICE)));
      }, async (store) => {
        assert.deepEqual(await store.listMailboxes(ALICE), statuses);
        const message = await store.getMessage(ALICE, 'INBOX', 1);
        assert.deepEqual(message?.flags, ['\\Seen', '$Kept']);
        assert.deepEqual(message?.summary, summary);
        assert.equal(message?.internalDate.getTime(), internalDate.getTime());
        assert.ok((await (await store.readMessage(ALICE, 'INBOX', 1)).buffer()).equals(Buffer.from([0, 0xff, 0x0d, 0x0a])));
        assert.deepEqual(await store.quotaUsage(ALICE), { messages: 2, bytes: 4 + sampleMessage(2).length, limits: { maxMessages: 100 } });
        assert.deepEqual(await store.records.get('directory', 'alice'), { password: 'hash' });
      });
    },
  },
  {
    name: 'UIDs and UIDVALIDITY are never reused across a reopen',
    run: async (factory) => {
      let deletedUidValidity = 0;
      await acrossReopen(factory, async (store) => {
        await appendMany(store, 'INBOX', 3);
        await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 3, end: 3 }] }, { operation: 'add', flags: ['\\Deleted'] });
        assert.deepEqual(await store.expunge(ALICE, 'INBOX'), [3]);
        deletedUidValidity = (await store.createMailbox(ALICE, 'Gone')).uidValidity;
        await store.deleteMailbox(ALICE, 'Gone');
      }, async (store) => {
        const status = await store.mailboxStatus(ALICE, 'INBOX');
        assert.equal(status?.uidNext, 4);
        const next = await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(4));
        assert.equal(next.uid, 4, 'the expunged highest UID is not handed out again');
        assert.ok(next.modseq > status!.highestModseq);
        const recreated = await store.createMailbox(ALICE, 'Gone');
        assert.notEqual(recreated.uidValidity, deletedUidValidity);
      });
    },
  },
  {
    name: 'shared blobs stay readable across a reopen and go with their last message',
    run: async (factory) => {
      let initial: number | undefined;
      await acrossReopen(factory, async (store) => {
        await store.createMailbox(ALICE, 'Copy');
        initial = blobCountOf(store);
        await store.deliver({ source: sampleMessage('shared'), targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: ALICE, mailbox: 'Copy' }] });
      }, async (store) => {
        if (initial !== undefined) assert.equal(blobCountOf(store), initial + 1);
        await store.updateFlags(ALICE, 'INBOX', {}, { operation: 'add', flags: ['\\Deleted'] });
        await store.expunge(ALICE, 'INBOX');
        assert.ok((await (await store.readMessage(ALICE, 'Copy', 1)).buffer()).equals(sampleMessage('shared')));
        await store.deleteMailbox(ALICE, 'Copy');
        if (initial !== undefined) assert.equal(blobCountOf(store), initial);
      });
    },
  },
];
