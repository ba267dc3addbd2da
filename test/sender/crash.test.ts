import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src/interfaces/store.js';
import { createSender, manualClock, type Sender } from '../../src/sender/index.js';
import { levelStore } from '../../src/store/index.js';
import { createCrashableLevel } from '../../src/testing/crashable-level.js';
import { fakeTransport, type FakeTransport, type Verdict } from './queue-fakes.js';

const message = Buffer.from('From: a@here.test\r\nSubject: crash\r\n\r\nbody\r\n');
const clock = manualClock(new Date('2026-05-01T00:00:00Z'));

function senderOn(store: Store, transport: FakeTransport): Sender {
  return createSender({ store, transport, hostname: 'mx.here.test', clock, concurrency: { total: 1 }, deliverLocal: async () => {} });
}

async function withDirectory(work: (path: string) => Promise<void>): Promise<void> {
  const path = await mkdtemp(join(tmpdir(), 'posthouse-crash-'));
  try {
    await work(path);
  } finally {
    await rm(path, { recursive: true, force: true });
  }
}

/** After the crash, a fresh process: a level store on the same directory and a sender on it. */
async function restart(path: string): Promise<{ store: Store; sender: Sender; transport: FakeTransport }> {
  const store = levelStore({ path });
  await store.open();
  const transport = fakeTransport();
  return { store, sender: senderOn(store, transport), transport };
}

test('a crash after the remote accepted but before our write: the message is sent again (the documented at-least-once window)', async () => {
  await withDirectory(async (path) => {
    const { store, crash } = createCrashableLevel(path, { sync: true });
    await store.open();
    const accepted: string[] = [];
    const crashing = fakeTransport(async (recipient): Promise<Verdict> => {
      accepted.push(recipient);
      await crash();
      return 'delivered';
    });
    const sender = senderOn(store, crashing);
    await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission' });
    await sender.runDue();
    assert.deepEqual(accepted, ['b@one.test'], 'the remote said 250');

    const after = await restart(path);
    const [entry] = await after.sender.list();
    assert.equal(entry?.recipientStates.queued, 1, 'our write never happened: still queued, nothing lost');
    await after.sender.runDue();
    assert.deepEqual(after.transport.calls.map(({ attempt }) => attempt.recipients), [['b@one.test']]);
    assert.deepEqual(after.transport.calls[0]!.raw, message, 'the body survived');
    assert.deepEqual(await after.sender.list(), []);
    await after.store.close();
  });
});

test('a crash in the middle of a message: the domain the remote accepted (and we recorded) is not sent again, the other is', async () => {
  await withDirectory(async (path) => {
    const { store, crash } = createCrashableLevel(path, { sync: true });
    await store.open();
    let recorded!: () => void;
    const firstRecorded = new Promise<void>((resolve) => (recorded = resolve));
    const crashing = fakeTransport(async (recipient): Promise<Verdict> => {
      if (recipient.endsWith('@one.test')) return 'delivered';
      await firstRecorded;
      await crash();
      return 'deferred';
    });
    const sender = senderOn(store, crashing);
    sender.once('delivered', () => recorded());
    await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test', 'c@two.test', 'd@one.test'], source: message, reason: 'submission' });
    await sender.runDue();
    assert.deepEqual(crashing.calls.map(({ attempt }) => attempt.domain), ['one.test', 'two.test']);

    const after = await restart(path);
    const entry = await after.sender.show((await after.sender.list())[0]!.id);
    assert.deepEqual(entry.recipients.map((recipient) => [recipient.address, recipient.status]), [['b@one.test', 'delivered'], ['c@two.test', 'queued'], ['d@one.test', 'delivered']]);
    await after.sender.runDue();
    assert.deepEqual(after.transport.calls.map(({ attempt }) => attempt.recipients), [['c@two.test']], 'only what the remote never accepted');
    assert.deepEqual(await after.sender.list(), []);
    await after.store.close();
  });
});

test('a crash right after our write: nothing is sent again', async () => {
  await withDirectory(async (path) => {
    const { store, crash } = createCrashableLevel(path, { sync: true });
    await store.open();
    const sender = senderOn(store, fakeTransport());
    let crashed: Promise<void> | undefined;
    sender.once('delivered', () => (crashed = crash()));
    await sender.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@one.test'], source: message, reason: 'submission' });
    await sender.runDue();
    await crashed;

    const after = await restart(path);
    await after.sender.runDue();
    assert.deepEqual(after.transport.calls, []);
    assert.deepEqual(await after.sender.list(), []);
    await after.store.close();
  });
});
