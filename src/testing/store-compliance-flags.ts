import assert from 'node:assert/strict';
import { ErrorCodes } from '../errors/codes.js';
import { ALICE, appendMany, blobCountOf, rejectsWithCode, sampleMessage, withStore, type StoreComplianceCase } from './store-compliance-helpers.js';

const all = { uids: [{ start: 1, end: Infinity }] };

/** Flag, copy, move and expunge cases (RFC 9051 §6.4, RFC 7162 CONDSTORE, RFC 6851 MOVE, RFC 4315 UIDPLUS). */
export const flagCases: StoreComplianceCase[] = [
  {
    name: 'updateFlags set/add/remove change flags and raise MODSEQ only on change',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 2);
      const start = (await store.mailboxStatus(ALICE, 'INBOX'))!.highestModseq;
      const added = await store.updateFlags(ALICE, 'INBOX', all, { operation: 'add', flags: ['\\seen', '$Work'] });
      assert.deepEqual(added.updated.map((entry) => entry.flags), [['\\Seen', '$Work'], ['\\Seen', '$Work']]);
      assert.ok(added.updated.every((entry) => entry.modseq > start));
      const afterAdd = (await store.mailboxStatus(ALICE, 'INBOX'))!;
      assert.equal(afterAdd.highestModseq, Math.max(...added.updated.map((entry) => entry.modseq)));
      assert.equal(afterAdd.unseen, 0);
      const again = await store.updateFlags(ALICE, 'INBOX', all, { operation: 'add', flags: ['\\Seen'] });
      assert.deepEqual(again.updated.map((entry) => entry.modseq), added.updated.map((entry) => entry.modseq), 'no change, no new MODSEQ');
      const removed = await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 1, end: 1 }] }, { operation: 'remove', flags: ['\\SEEN'] });
      assert.deepEqual(removed.updated.map((entry) => [entry.uid, entry.flags]), [[1, ['$Work']]]);
      assert.ok(removed.updated[0]!.modseq > afterAdd.highestModseq);
      assert.equal((await store.mailboxStatus(ALICE, 'INBOX'))?.unseen, 1);
      const set = await store.updateFlags(ALICE, 'INBOX', all, { operation: 'set', flags: ['\\Answered'] });
      assert.deepEqual(set.updated.map((entry) => entry.flags), [['\\Answered'], ['\\Answered']]);
      assert.deepEqual((await store.getMessage(ALICE, 'INBOX', 2))?.flags, ['\\Answered']);
      assert.deepEqual(set.modified, []);
    }),
  },
  {
    name: 'updateFlags with unchangedSince skips messages changed after it',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 3);
      const mark = (await store.mailboxStatus(ALICE, 'INBOX'))!.highestModseq;
      await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 2, end: 2 }] }, { operation: 'add', flags: ['$Touched'] });
      const result = await store.updateFlags(ALICE, 'INBOX', all, { operation: 'add', flags: ['\\Flagged'], unchangedSince: mark });
      assert.deepEqual(result.modified, [2]);
      assert.deepEqual(result.updated.map((entry) => entry.uid), [1, 3]);
      assert.deepEqual((await store.getMessage(ALICE, 'INBOX', 2))?.flags, ['$Touched']);
    }),
  },
  {
    name: 'invalid flags are rejected with FLAG_INVALID and change nothing',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 1);
      for (const flag of ['\\Recent', '\\Unknown', 'has space', 'paren(', 'quote"', '', 'star*', 'x'.repeat(200)]) {
        await rejectsWithCode(store.updateFlags(ALICE, 'INBOX', all, { operation: 'add', flags: [flag] }), ErrorCodes.FLAG_INVALID);
        await rejectsWithCode(store.append({ account: ALICE, mailbox: 'INBOX', flags: [flag] }, Buffer.from('x')), ErrorCodes.FLAG_INVALID);
      }
      await rejectsWithCode(store.updateFlags(ALICE, 'INBOX', all, { operation: 'toggle' as 'add', flags: [] }), ErrorCodes.ARGUMENT_INVALID);
      assert.equal((await store.mailboxStatus(ALICE, 'INBOX'))?.messages, 1);
      assert.deepEqual((await store.getMessage(ALICE, 'INBOX', 1))?.flags, []);
    }),
  },
  {
    name: 'copyMessages maps UIDs, keeps flags and shares blobs',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 3, ['\\Seen']);
      const archive = await store.createMailbox(ALICE, 'Archive');
      await store.append({ account: ALICE, mailbox: 'Archive' }, sampleMessage('existing'));
      const blobsBefore = blobCountOf(store);
      const result = await store.copyMessages(ALICE, 'INBOX', { uids: [{ start: 2, end: 3 }] }, 'Archive');
      assert.equal(result.uidValidity, archive.uidValidity);
      assert.deepEqual(result.mapping, [{ sourceUid: 2, destinationUid: 2 }, { sourceUid: 3, destinationUid: 3 }]);
      const copied = await store.getMessage(ALICE, 'Archive', 3);
      const original = await store.getMessage(ALICE, 'INBOX', 3);
      assert.deepEqual(copied?.flags, ['\\Seen']);
      assert.equal(copied?.blobId, original?.blobId);
      assert.equal(blobCountOf(store), blobsBefore);
      assert.equal((await store.mailboxStatus(ALICE, 'INBOX'))?.messages, 3);
      assert.deepEqual((await store.copyMessages(ALICE, 'INBOX', { uids: [{ start: 9, end: 9 }] }, 'Archive')).mapping, []);
      await rejectsWithCode(store.copyMessages(ALICE, 'INBOX', all, 'Missing'), ErrorCodes.MAILBOX_NOT_FOUND);
    }),
  },
  {
    name: 'moveMessages maps UIDs and removes the sources',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 3);
      await store.createMailbox(ALICE, 'Done');
      const result = await store.moveMessages(ALICE, 'INBOX', { uids: [{ start: 1, end: 2 }] }, 'Done');
      assert.deepEqual(result.mapping, [{ sourceUid: 1, destinationUid: 1 }, { sourceUid: 2, destinationUid: 2 }]);
      assert.deepEqual((await store.listMessages(ALICE, 'INBOX')).map((message) => message.uid), [3]);
      assert.deepEqual((await store.listMessages(ALICE, 'Done')).map((message) => message.uid), [1, 2]);
      const moved = await store.readMessage(ALICE, 'Done', 1);
      assert.ok((await moved.buffer()).equals(sampleMessage('INBOX-1')));
    }),
  },
  {
    name: 'expunge removes only \\Deleted messages, within the query when given',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 5);
      await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 2, end: 4 }] }, { operation: 'add', flags: ['\\Deleted'] });
      assert.deepEqual(await store.expunge(ALICE, 'INBOX', { uids: [{ start: 3, end: 5 }] }), [3, 4]);
      assert.deepEqual((await store.listMessages(ALICE, 'INBOX')).map((message) => message.uid), [1, 2, 5]);
      assert.deepEqual(await store.expunge(ALICE, 'INBOX'), [2]);
      assert.deepEqual(await store.expunge(ALICE, 'INBOX'), []);
      const status = await store.mailboxStatus(ALICE, 'INBOX');
      assert.equal(status?.messages, 2);
      assert.equal(status?.size, sampleMessage('INBOX-1').length + sampleMessage('INBOX-5').length);
      assert.equal(status?.uidNext, 6);
    }),
  },
  {
    name: 'a blob is removed once its last message is expunged',
    run: (factory) => withStore(factory, async (store) => {
      await store.createMailbox(ALICE, 'Other');
      const initial = blobCountOf(store);
      const [first, second] = await store.deliver({ source: sampleMessage('shared'), targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: ALICE, mailbox: 'Other' }] });
      if (initial !== undefined) assert.equal(blobCountOf(store), initial + 1);
      await store.updateFlags(ALICE, 'INBOX', all, { operation: 'add', flags: ['\\Deleted'] });
      await store.expunge(ALICE, 'INBOX');
      if (initial !== undefined) assert.equal(blobCountOf(store), initial + 1, 'still referenced by Other');
      assert.ok((await (await store.readMessage(ALICE, 'Other', second!.uid)).buffer()).equals(sampleMessage('shared')));
      await store.updateFlags(ALICE, 'Other', all, { operation: 'add', flags: ['\\Deleted'] });
      await store.expunge(ALICE, 'Other');
      if (initial !== undefined) assert.equal(blobCountOf(store), initial);
      await rejectsWithCode(store.readMessage(ALICE, 'INBOX', first!.uid), ErrorCodes.MESSAGE_NOT_FOUND);
      const again = await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage('shared'));
      assert.ok((await (await store.readMessage(ALICE, 'INBOX', again.uid)).buffer()).equals(sampleMessage('shared')), 'the same bytes can be stored again');
    }),
  },
];
