import assert from 'node:assert/strict';
import { ErrorCodes } from '../errors/codes.js';
import type { StoreChange } from '../interfaces/store.js';
import { ALICE, appendMany, rejectsWithCode, sampleMessage, withStore, type StoreComplianceCase } from './store-compliance-helpers.js';

/** Quota, records, change feed, concurrency and lifecycle cases. */
export const stateCases: StoreComplianceCase[] = [
  {
    name: 'quotas limit messages and bytes; a delivery over quota changes nothing',
    run: (factory) => withStore(factory, async (store) => {
      const size = sampleMessage('INBOX-1').length;
      await store.setQuota(ALICE, { maxMessages: 2, maxBytes: size * 10 });
      await appendMany(store, 'INBOX', 2);
      assert.deepEqual(await store.quotaUsage(ALICE), { bytes: size * 2, messages: 2, limits: { maxMessages: 2, maxBytes: size * 10 } });
      await rejectsWithCode(store.deliver({ source: sampleMessage(1), targets: [{ account: ALICE, mailbox: 'New', create: true }] }), ErrorCodes.QUOTA_EXCEEDED);
      assert.equal(await store.mailboxStatus(ALICE, 'New'), null, 'the mailbox to create was not created');
      assert.equal((await store.mailboxStatus(ALICE, 'INBOX'))?.uidNext, 3);
      await store.setQuota(ALICE, { maxBytes: size * 3 });
      await rejectsWithCode(store.deliver({ source: sampleMessage(1), targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: ALICE, mailbox: 'INBOX' }] }), ErrorCodes.QUOTA_EXCEEDED);
      await rejectsWithCode(store.copyMessages(ALICE, 'INBOX', {}, 'INBOX'), ErrorCodes.QUOTA_EXCEEDED);
      await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(1));
      assert.equal((await store.quotaUsage(ALICE)).messages, 3);
      await store.setQuota(ALICE, {});
      assert.deepEqual((await store.quotaUsage(ALICE)).limits, {});
      await rejectsWithCode(store.setQuota(ALICE, { maxBytes: -1 }), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
  {
    name: 'records get, put, delete and list by namespace in key order',
    run: (factory) => withStore(factory, async (store) => {
      assert.equal(await store.records.get('queue', 'a'), undefined);
      await store.records.put('queue', 'b', { attempts: 2, next: 'soon' });
      await store.records.put('queue', 'a', [1, 'two', null]);
      await store.records.put('queue2', 'a', 'other namespace');
      await store.records.put('queue', 'c', 'replaced');
      await store.records.put('queue', 'c', 'final');
      assert.deepEqual(await store.records.get('queue', 'b'), { attempts: 2, next: 'soon' });
      assert.deepEqual(await store.records.list('queue'), [
        { key: 'a', value: [1, 'two', null] }, { key: 'b', value: { attempts: 2, next: 'soon' } }, { key: 'c', value: 'final' },
      ]);
      await store.records.delete('queue', 'b');
      await store.records.delete('queue', 'missing');
      assert.deepEqual((await store.records.list('queue')).map((record) => record.key), ['a', 'c']);
      assert.deepEqual(await store.records.list('queue2'), [{ key: 'a', value: 'other namespace' }]);
      assert.deepEqual(await store.records.list('empty'), []);
      await rejectsWithCode(store.records.put('', 'a', 1), ErrorCodes.ARGUMENT_INVALID);
      await rejectsWithCode(store.records.put('queue', 'a', undefined), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
  {
    name: 'the change feed reports every kind of change, after it is durable',
    run: (factory) => withStore(factory, async (store) => {
      const changes: StoreChange[] = [];
      const stop = store.watch((change) => changes.push(change));
      store.watch(() => { throw new Error('a broken listener'); });
      await store.createMailbox(ALICE, 'Feed');
      const [delivered] = await store.deliver({ source: sampleMessage(1), targets: [{ account: ALICE, mailbox: 'Feed' }] });
      const flagged = await store.updateFlags(ALICE, 'Feed', {}, { operation: 'add', flags: ['\\Deleted'] });
      await store.expunge(ALICE, 'Feed');
      await store.renameMailbox(ALICE, 'Feed', 'Fed');
      await store.deleteMailbox(ALICE, 'Fed');
      stop();
      await store.createMailbox(ALICE, 'Unwatched');
      const flagModseq = flagged.updated[0]!.modseq;
      assert.deepEqual(changes.map(({ type }) => type), ['mailbox-created', 'appended', 'flags', 'expunged', 'mailbox-renamed', 'mailbox-deleted']);
      assert.deepEqual(changes[1], { type: 'appended', account: ALICE, mailbox: 'Feed', uid: delivered!.uid, modseq: delivered!.modseq });
      assert.deepEqual(changes[2], { type: 'flags', account: ALICE, mailbox: 'Feed', uid: 1, modseq: flagModseq, flags: ['\\Deleted'] });
      const expunged = changes[3];
      assert.ok(expunged?.type === 'expunged' && expunged.uid === 1 && expunged.modseq > flagModseq, 'expunged with a higher MODSEQ');
      assert.deepEqual(changes[4], { type: 'mailbox-renamed', account: ALICE, mailbox: 'Feed', newName: 'Fed' });
      assert.deepEqual(changes[5], { type: 'mailbox-deleted', account: ALICE, mailbox: 'Fed' });
    }),
  },
  {
    name: 'a listener sees a delivered message as readable',
    run: (factory) => withStore(factory, async (store) => {
      const reads: Array<Promise<Buffer>> = [];
      store.watch((change) => {
        if (change.type === 'appended') reads.push(store.readMessage(change.account, change.mailbox, change.uid).then((source) => source.buffer()));
      });
      await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage('visible'));
      assert.equal(reads.length, 1);
      assert.ok((await reads[0]!).equals(sampleMessage('visible')));
    }),
  },
  {
    name: '200 concurrent appends get 200 distinct ascending UIDs',
    run: (factory) => withStore(factory, async (store) => {
      const results = await Promise.all(Array.from({ length: 200 }, (_, index) => store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(index))));
      const uids = results.map((result) => result.uid);
      assert.equal(new Set(uids).size, 200);
      assert.deepEqual(uids, [...uids].sort((left, right) => left - right), 'UIDs ascend in call order');
      const listed = await store.listMessages(ALICE, 'INBOX');
      assert.deepEqual(listed.map((message) => message.uid), [...uids].sort((left, right) => left - right));
      const status = await store.mailboxStatus(ALICE, 'INBOX');
      assert.equal(status?.messages, 200);
      assert.ok(status!.uidNext > Math.max(...uids));
      for (const [index, result] of results.entries()) {
        if (index % 40 === 0) assert.ok((await (await store.readMessage(ALICE, 'INBOX', result.uid)).buffer()).equals(sampleMessage(index)));
      }
    }),
  },
  {
    name: 'calls after close reject STORE_CLOSED; open() makes the store usable again',
    run: async (factory) => {
      const store = await factory.create();
      await store.open();
      await store.open();
      await store.ensureAccount(ALICE);
      await store.close();
      await store.close();
      await rejectsWithCode(store.listMailboxes(ALICE), ErrorCodes.STORE_CLOSED);
      await rejectsWithCode(store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(1)), ErrorCodes.STORE_CLOSED);
      await rejectsWithCode(store.records.get('ns', 'k'), ErrorCodes.STORE_CLOSED);
      await store.open();
      try {
        await store.ensureAccount(ALICE);
        assert.ok(await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(1)));
      } finally {
        await store.close();
      }
    },
  },
];
