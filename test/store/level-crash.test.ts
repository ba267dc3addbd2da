import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import type { Store } from '../../src/interfaces/store.js';
import { levelStore } from '../../src/store/index.js';
import { createCrashableLevel } from '../../src/testing/crashable-level.js';
import { temporaryDirectory } from './level-fixture.js';

const account = 'crash@example.test';

/** Delivers `count` messages concurrently (so they share group commits); resolves their UIDs. */
async function deliverMany(store: Store, count: number): Promise<number[]> {
  const results = await Promise.all(Array.from({ length: count }, (_, index) =>
    store.deliver({ source: Buffer.from(`Subject: ${index}\r\n\r\nbody ${index}`), targets: [{ account, mailbox: 'INBOX' }, { account, mailbox: 'Copies', create: true }] })));
  return results.map((result) => result[0]!.uid);
}

/** Opens the directory as a fresh process would after the crash and lists what survived. */
async function survivors(path: string): Promise<{ uids: number[]; copies: number; bodies: string[] }> {
  const store = levelStore({ path });
  try {
    await store.open();
    const inbox = await store.mailboxStatus(account, 'INBOX');
    if (inbox === null) return { uids: [], copies: 0, bodies: [] };
    const messages = await store.listMessages(account, 'INBOX');
    const bodies = await Promise.all(messages.map(async (message) => (await (await store.readMessage(account, 'INBOX', message.uid)).buffer()).toString()));
    return { uids: messages.map((message) => message.uid), copies: (await store.mailboxStatus(account, 'Copies'))?.messages ?? 0, bodies };
  } finally {
    await store.close();
  }
}

describe('levelStore crash safety (fault-injected power loss)', () => {
  const directories: string[] = [];
  after(() => Promise.all(directories.map((path) => rm(path, { recursive: true, force: true }))));

  it('with sync, every acknowledged delivery survives a crash', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const { store, crash } = createCrashableLevel(path, { sync: true });
    await store.ensureAccount(account);
    const acknowledged = await deliverMany(store, 50);
    await crash();
    const after = await survivors(path);
    assert.deepEqual(after.uids, acknowledged);
    assert.equal(after.copies, 50);
    assert.deepEqual(after.bodies, acknowledged.map((_, index) => `Subject: ${index}\r\n\r\nbody ${index}`));
  });

  it('without sync, acknowledged deliveries are lost: the crash test can fail', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const { store, crash } = createCrashableLevel(path, { sync: false });
    await store.ensureAccount(account);
    const acknowledged = await deliverMany(store, 50);
    assert.equal(acknowledged.length, 50);
    await crash();
    assert.deepEqual((await survivors(path)).uids, []);
  });

  it('a crash keeps what was synced before it and UIDs stay unique afterwards', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const first = createCrashableLevel(path, { sync: true });
    await first.store.ensureAccount(account);
    const before = await deliverMany(first.store, 5);
    await first.crash();
    const second = createCrashableLevel(path, { sync: false });
    await deliverMany(second.store, 5);
    await second.crash();
    assert.deepEqual((await survivors(path)).uids, before);
    const reopened = levelStore({ path });
    try {
      const next = await reopened.append({ account, mailbox: 'INBOX' }, Buffer.from('after'));
      assert.equal(next.uid, Math.max(...before) + 1);
    } finally {
      await reopened.close();
    }
  });

  it('a summary is not synced on its own, but rides with the next synced write', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const summary = { subject: 's', from: [], to: [], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false };
    const { store, crash } = createCrashableLevel(path, { sync: true });
    await store.ensureAccount(account);
    const [first] = await deliverMany(store, 1);
    await store.setSummary(account, 'INBOX', first!, summary);
    const [second] = await deliverMany(store, 1);
    await store.setSummary(account, 'INBOX', second!, summary);
    await crash();
    const reopened = levelStore({ path });
    try {
      assert.deepEqual((await reopened.getMessage(account, 'INBOX', first!))?.summary, summary);
      assert.equal((await reopened.getMessage(account, 'INBOX', second!))?.summary, null);
    } finally {
      await reopened.close();
    }
  });
});
