import assert from 'node:assert/strict';
import { ErrorCodes } from '../errors/codes.js';
import { ALICE, appendMany, rejectsWithCode, withStore, type StoreComplianceCase } from './store-compliance-helpers.js';

/** Mailbox cases: accounts, create, list, status, rename, delete, subscribe, names (RFC 9051 §6.3). */
export const mailboxCases: StoreComplianceCase[] = [
  {
    name: 'ensureAccount creates INBOX and special-use mailboxes, and is idempotent',
    run: (factory) => withStore(factory, async (store) => {
      await store.ensureAccount(ALICE, [{ name: 'Sent', specialUse: '\\Sent' }, { name: 'Trash', specialUse: '\\Trash' }]);
      await store.ensureAccount(ALICE, [{ name: 'Sent', specialUse: '\\Sent' }]);
      const mailboxes = await store.listMailboxes(ALICE);
      assert.deepEqual(mailboxes.map((mailbox) => [mailbox.name, mailbox.specialUse, mailbox.subscribed]), [
        ['INBOX', '\\Inbox', true], ['Sent', '\\Sent', true], ['Trash', '\\Trash', true],
      ]);
      assert.deepEqual(await store.listMailboxes('nobody@example.test'), []);
    }),
  },
  {
    name: 'INBOX is matched case-insensitively and always named INBOX',
    run: (factory) => withStore(factory, async (store) => {
      const status = await store.mailboxStatus(ALICE, 'iNbOx');
      assert.equal(status?.name, 'INBOX');
      const result = await store.append({ account: ALICE, mailbox: 'inbox' }, Buffer.from('x'));
      assert.equal(result.mailbox, 'INBOX');
      await store.createMailbox(ALICE, 'inbox/Child');
      assert.ok(await store.mailboxStatus(ALICE, 'INBOX/Child'));
      await rejectsWithCode(store.createMailbox(ALICE, 'Inbox'), ErrorCodes.MAILBOX_EXISTS);
      await store.createMailbox(ALICE, 'work');
      await store.createMailbox(ALICE, 'Work');
      assert.deepEqual((await store.listMailboxes(ALICE)).map((mailbox) => mailbox.name), ['INBOX', 'INBOX/Child', 'Work', 'work']);
    }),
  },
  {
    name: 'createMailbox returns a fresh status, creates missing parents, rejects duplicates',
    run: (factory) => withStore(factory, async (store) => {
      const status = await store.createMailbox(ALICE, 'Archive/2026/May', { specialUse: '\\Archive' });
      assert.equal(status.name, 'Archive/2026/May');
      assert.equal(status.specialUse, '\\Archive');
      assert.equal(status.uidNext, 1);
      assert.equal(status.messages, 0);
      assert.equal(status.unseen, 0);
      assert.equal(status.size, 0);
      assert.equal(status.subscribed, false);
      assert.ok(Number.isInteger(status.uidValidity) && status.uidValidity > 0 && status.uidValidity <= 0xffffffff);
      assert.ok(status.highestModseq >= 1);
      assert.deepEqual((await store.listMailboxes(ALICE)).map((mailbox) => mailbox.name), ['INBOX', 'Archive', 'Archive/2026', 'Archive/2026/May']);
      await rejectsWithCode(store.createMailbox(ALICE, 'Archive/2026'), ErrorCodes.MAILBOX_EXISTS);
      assert.equal(await store.mailboxStatus(ALICE, 'Nope'), null);
    }),
  },
  {
    name: 'invalid mailbox names are rejected with MAILBOX_NAME_INVALID',
    run: (factory) => withStore(factory, async (store) => {
      for (const name of ['', 'a\0b', 'a\rb', 'a\nb', '/a', 'a/', 'a//b', 'x'.repeat(256), 'é'.repeat(128)]) {
        await rejectsWithCode(store.createMailbox(ALICE, name), ErrorCodes.MAILBOX_NAME_INVALID);
      }
      await rejectsWithCode(store.mailboxStatus(ALICE, ''), ErrorCodes.MAILBOX_NAME_INVALID);
      await rejectsWithCode(store.append({ account: ALICE, mailbox: 'a//b' }, Buffer.from('x')), ErrorCodes.MAILBOX_NAME_INVALID);
      assert.ok(await store.createMailbox(ALICE, 'x'.repeat(255)));
      assert.ok(await store.createMailbox(ALICE, 'Ünïcødé ✉'));
    }),
  },
  {
    name: 'renameMailbox moves children and keeps UIDVALIDITY, UIDs and messages',
    run: (factory) => withStore(factory, async (store) => {
      await store.createMailbox(ALICE, 'Projects/Alpha');
      const before = await store.mailboxStatus(ALICE, 'Projects/Alpha');
      await appendMany(store, 'Projects/Alpha', 2);
      await store.renameMailbox(ALICE, 'Projects', 'Old/Projects');
      assert.deepEqual((await store.listMailboxes(ALICE)).map((mailbox) => mailbox.name), ['INBOX', 'Old', 'Old/Projects', 'Old/Projects/Alpha']);
      const after = await store.mailboxStatus(ALICE, 'Old/Projects/Alpha');
      assert.equal(after?.uidValidity, before?.uidValidity);
      assert.equal(after?.messages, 2);
      assert.deepEqual((await store.listMessages(ALICE, 'Old/Projects/Alpha')).map((message) => [message.uid, message.mailbox]), [[1, 'Old/Projects/Alpha'], [2, 'Old/Projects/Alpha']]);
      assert.equal(await store.mailboxStatus(ALICE, 'Projects/Alpha'), null);
      await rejectsWithCode(store.renameMailbox(ALICE, 'Missing', 'Other'), ErrorCodes.MAILBOX_NOT_FOUND);
      await store.createMailbox(ALICE, 'Taken');
      await rejectsWithCode(store.renameMailbox(ALICE, 'Old', 'Taken'), ErrorCodes.MAILBOX_EXISTS);
      await rejectsWithCode(store.renameMailbox(ALICE, 'Old', 'Old/Inside'), ErrorCodes.MAILBOX_NAME_INVALID);
    }),
  },
  {
    name: 'renaming INBOX moves its messages to the new name and leaves an empty INBOX',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 2);
      const inbox = await store.mailboxStatus(ALICE, 'INBOX');
      await store.renameMailbox(ALICE, 'inbox', 'Saved');
      const saved = await store.mailboxStatus(ALICE, 'Saved');
      const fresh = await store.mailboxStatus(ALICE, 'INBOX');
      assert.equal(saved?.messages, 2);
      assert.equal(saved?.uidValidity, inbox?.uidValidity);
      assert.equal(fresh?.messages, 0);
      assert.notEqual(fresh?.uidValidity, inbox?.uidValidity);
    }),
  },
  {
    name: 'deleteMailbox removes one mailbox with its messages; INBOX is protected',
    run: (factory) => withStore(factory, async (store) => {
      await store.createMailbox(ALICE, 'Lists/Node');
      await appendMany(store, 'Lists', 1);
      await store.deleteMailbox(ALICE, 'Lists');
      assert.equal(await store.mailboxStatus(ALICE, 'Lists'), null);
      assert.ok(await store.mailboxStatus(ALICE, 'Lists/Node'), 'children stay (RFC 9051 §6.3.5)');
      await rejectsWithCode(store.deleteMailbox(ALICE, 'Lists'), ErrorCodes.MAILBOX_NOT_FOUND);
      await rejectsWithCode(store.deleteMailbox(ALICE, 'inbox'), ErrorCodes.MAILBOX_PROTECTED);
      await rejectsWithCode(store.listMessages(ALICE, 'Lists'), ErrorCodes.MAILBOX_NOT_FOUND);
    }),
  },
  {
    name: 'a mailbox created again gets a new UIDVALIDITY',
    run: (factory) => withStore(factory, async (store) => {
      const first = await store.createMailbox(ALICE, 'Again');
      await store.deleteMailbox(ALICE, 'Again');
      const second = await store.createMailbox(ALICE, 'Again');
      assert.notEqual(second.uidValidity, first.uidValidity);
    }),
  },
  {
    name: 'setSubscribed marks mailboxes; unknown mailboxes are MAILBOX_NOT_FOUND',
    run: (factory) => withStore(factory, async (store) => {
      await store.createMailbox(ALICE, 'News');
      await store.setSubscribed(ALICE, 'News', true);
      assert.equal((await store.mailboxStatus(ALICE, 'News'))?.subscribed, true);
      await store.setSubscribed(ALICE, 'News', false);
      assert.equal((await store.mailboxStatus(ALICE, 'News'))?.subscribed, false);
      await rejectsWithCode(store.setSubscribed(ALICE, 'Missing', true), ErrorCodes.MAILBOX_NOT_FOUND);
    }),
  },
  {
    name: 'deleteAccount removes every mailbox, message and quota of one account only',
    run: (factory) => withStore(factory, async (store) => {
      const bob = 'bob@example.test';
      await store.ensureAccount(bob);
      await store.setQuota(ALICE, { maxMessages: 10 });
      await store.deliver({ source: Buffer.from('shared'), targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: bob, mailbox: 'INBOX' }] });
      await store.deleteAccount(ALICE);
      assert.deepEqual(await store.listMailboxes(ALICE), []);
      assert.deepEqual(await store.quotaUsage(ALICE), { bytes: 0, messages: 0, limits: {} });
      const [kept] = await store.listMessages(bob, 'INBOX');
      assert.equal((await (await store.readMessage(bob, 'INBOX', kept!.uid)).buffer()).toString(), 'shared');
    }),
  },
];
