import assert from 'node:assert/strict';
import { ErrorCodes } from '../errors/codes.js';
import type { MessageSummary } from '../interfaces/message.js';
import { ALICE, appendMany, rejectsWithCode, sampleMessage, withStore, type StoreComplianceCase } from './store-compliance-helpers.js';

const summary: MessageSummary = {
  subject: 'Hello',
  from: [{ name: 'Sender', address: 'sender@example.test' }],
  to: [{ name: '', address: ALICE }],
  cc: [],
  date: new Date('2026-05-01T10:00:00Z'),
  messageId: '<1@example.test>',
  snippet: 'Hi there',
  hasAttachments: false,
};

/** Message cases: deliver, append, list, get, read, summaries (RFC 9051 §2.3). */
export const messageCases: StoreComplianceCase[] = [
  {
    name: 'deliver files one message into many targets atomically, sharing one blob',
    run: (factory) => withStore(factory, async (store) => {
      const bob = 'bob@example.test';
      await store.ensureAccount(bob);
      const results = await store.deliver({
        source: sampleMessage('multi'),
        targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: bob, mailbox: 'INBOX', flags: ['\\flagged'] }, { account: ALICE, mailbox: 'Lists/Node', create: true }],
      });
      assert.equal(results.length, 3);
      assert.deepEqual(results.map((result) => [result.account, result.mailbox, result.uid]), [[ALICE, 'INBOX', 1], [bob, 'INBOX', 1], [ALICE, 'Lists/Node', 1]]);
      assert.equal(new Set(results.map((result) => result.blobId)).size, 1, 'one blob for every target');
      assert.match(results[0]!.blobId, /^[0-9a-f]{64}$/);
      for (const result of results) {
        const status = await store.mailboxStatus(result.account, result.mailbox);
        assert.equal(result.uidValidity, status?.uidValidity);
        assert.equal(result.modseq, status?.highestModseq);
      }
      assert.deepEqual((await store.getMessage(bob, 'INBOX', 1))?.flags, ['\\Flagged']);
    }),
  },
  {
    name: 'deliver to a missing mailbox without create rejects and files nothing',
    run: (factory) => withStore(factory, async (store) => {
      const delivery = store.deliver({ source: sampleMessage(1), targets: [{ account: ALICE, mailbox: 'INBOX' }, { account: ALICE, mailbox: 'Missing' }] });
      await rejectsWithCode(delivery, ErrorCodes.MAILBOX_NOT_FOUND);
      const inbox = await store.mailboxStatus(ALICE, 'INBOX');
      assert.equal(inbox?.messages, 0);
      assert.equal(inbox?.uidNext, 1);
      await rejectsWithCode(store.deliver({ source: sampleMessage(1), targets: [] }), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
  {
    name: 'append keeps flags (normalised), internal date and summary',
    run: (factory) => withStore(factory, async (store) => {
      const internalDate = new Date('2026-01-02T03:04:05Z');
      const result = await store.append({ account: ALICE, mailbox: 'INBOX', flags: ['\\SEEN', '$Label1', '$label1', '\\seen'] }, sampleMessage(1), { internalDate, summary });
      const message = await store.getMessage(ALICE, 'INBOX', result.uid);
      assert.deepEqual(message?.flags, ['\\Seen', '$Label1']);
      assert.equal(message?.internalDate.getTime(), internalDate.getTime());
      assert.deepEqual(message?.summary, summary);
      assert.equal(message?.size, sampleMessage(1).length);
      assert.equal(message?.mailbox, 'INBOX');
      assert.equal(message?.account, ALICE);
      const raw = await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(2));
      assert.equal((await store.getMessage(ALICE, 'INBOX', raw.uid))?.summary, null);
      assert.equal((await store.mailboxStatus(ALICE, 'INBOX'))?.unseen, 1);
    }),
  },
  {
    name: 'readMessage returns the exact bytes, including NUL and invalid UTF-8',
    run: (factory) => withStore(factory, async (store) => {
      const bytes = Buffer.concat([Buffer.from('Subject: bin\r\n\r\n'), Buffer.from([0, 0xff, 0xfe, 0xc3, 0x28, 0x80, 0x0d, 0x0a, 0])]);
      const result = await store.append({ account: ALICE, mailbox: 'INBOX' }, bytes);
      const source = await store.readMessage(ALICE, 'INBOX', result.uid);
      assert.equal(source.size, bytes.length);
      assert.ok((await source.buffer()).equals(bytes));
      const chunks: Buffer[] = [];
      for await (const chunk of source.read()) chunks.push(Buffer.from(chunk as Uint8Array));
      assert.ok(Buffer.concat(chunks).equals(bytes));
      const empty = await store.append({ account: ALICE, mailbox: 'INBOX' }, Buffer.alloc(0));
      assert.equal((await (await store.readMessage(ALICE, 'INBOX', empty.uid)).buffer()).length, 0);
    }),
  },
  {
    name: 'listMessages honours UID ranges, changedSince and limit',
    run: (factory) => withStore(factory, async (store) => {
      await appendMany(store, 'INBOX', 6);
      const uids = async (query: Parameters<typeof store.listMessages>[2]) => (await store.listMessages(ALICE, 'INBOX', query)).map((message) => message.uid);
      assert.deepEqual(await uids(undefined), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(await uids({ uids: [{ start: 2, end: 3 }, { start: 5, end: Infinity }] }), [2, 3, 5, 6]);
      assert.deepEqual(await uids({ uids: [{ start: 4, end: 2 }, { start: 3, end: 3 }] }), [2, 3, 4]);
      assert.deepEqual(await uids({ uids: [{ start: 7, end: Infinity }] }), []);
      assert.deepEqual(await uids({ limit: 2 }), [1, 2]);
      const before = (await store.mailboxStatus(ALICE, 'INBOX'))!.highestModseq;
      await store.updateFlags(ALICE, 'INBOX', { uids: [{ start: 5, end: 5 }] }, { operation: 'add', flags: ['\\Seen'] });
      assert.deepEqual(await uids({ changedSince: before }), [5]);
      assert.deepEqual(await uids({ uids: [{ start: 1, end: 4 }], changedSince: 0, limit: 3 }), [1, 2, 3]);
      await rejectsWithCode(store.listMessages(ALICE, 'INBOX', { uids: [{ start: 0, end: 2 }] }), ErrorCodes.ARGUMENT_INVALID);
      await rejectsWithCode(store.listMessages(ALICE, 'INBOX', { limit: -1 }), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
  {
    name: 'missing mailboxes and messages give null or the right error code',
    run: (factory) => withStore(factory, async (store) => {
      assert.equal(await store.getMessage(ALICE, 'INBOX', 42), null);
      await rejectsWithCode(store.getMessage(ALICE, 'Missing', 1), ErrorCodes.MAILBOX_NOT_FOUND);
      await rejectsWithCode(store.readMessage(ALICE, 'INBOX', 42), ErrorCodes.MESSAGE_NOT_FOUND);
      await rejectsWithCode(store.readMessage(ALICE, 'Missing', 1), ErrorCodes.MAILBOX_NOT_FOUND);
      await rejectsWithCode(store.setSummary(ALICE, 'INBOX', 42, summary), ErrorCodes.MESSAGE_NOT_FOUND);
      await rejectsWithCode(store.append({ account: ALICE, mailbox: 'Missing' }, Buffer.from('x')), ErrorCodes.MAILBOX_NOT_FOUND);
      await rejectsWithCode(store.getMessage(ALICE, 'INBOX', 0), ErrorCodes.ARGUMENT_INVALID);
      await rejectsWithCode(store.getMessage(ALICE, 'INBOX', 1.5), ErrorCodes.ARGUMENT_INVALID);
      await rejectsWithCode(store.getMessage('', 'INBOX', 1), ErrorCodes.ARGUMENT_INVALID);
    }),
  },
  {
    name: 'setSummary replaces the summary and keeps the MODSEQ',
    run: (factory) => withStore(factory, async (store) => {
      const result = await store.append({ account: ALICE, mailbox: 'INBOX' }, sampleMessage(1));
      await store.setSummary(ALICE, 'INBOX', result.uid, summary);
      const message = await store.getMessage(ALICE, 'INBOX', result.uid);
      assert.deepEqual(message?.summary, summary);
      assert.equal(message?.modseq, result.modseq);
    }),
  },
  {
    name: 'changing a returned message changes nothing stored',
    run: (factory) => withStore(factory, async (store) => {
      const result = await store.append({ account: ALICE, mailbox: 'INBOX', flags: ['\\Seen'] }, sampleMessage(1), { summary });
      const message = await store.getMessage(ALICE, 'INBOX', result.uid);
      message!.flags.push('\\Deleted');
      // A summary may be a copy or a frozen shared object (the contract allows both): either way nothing stored changes.
      try {
        (message!.summary as { subject: string }).subject = 'changed';
      } catch (error) {
        assert.ok(error instanceof TypeError, 'only a frozen object may refuse the change');
      }
      const again = await store.getMessage(ALICE, 'INBOX', result.uid);
      assert.deepEqual(again?.flags, ['\\Seen']);
      assert.equal(again?.summary?.subject, 'Hello');
    }),
  },
];
