import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCodes } from '../../src/errors/codes.js';
import { isPosthouseError } from '../../src/errors/posthouse-error.js';
import type { Store } from '../../src/interfaces/store.js';
import { createSender, manualClock, type SenderOptions } from '../../src/sender/index.js';
import { sandboxTransport } from '../../src/sender/transport/index.js';
import { levelStore, memoryStore } from '../../src/store/index.js';

/** A sender never started: what is queued stays queued, nothing is sent. */
function queueOn(store: Store, options: Partial<SenderOptions> = {}) {
  return createSender({ store, transport: sandboxTransport(), hostname: 'mx.test', deliverLocal: async () => {}, ...options });
}

test('enqueue, list, read; a queued message survives reopening a level store', async () => {
  const path = await mkdtemp(join(tmpdir(), 'posthouse-queue-'));
  try {
    let store = levelStore({ path });
    await store.open();
    let queue = queueOn(store, { clock: manualClock(new Date('2026-05-01T00:00:00Z')) });
    const reply = Buffer.from('Subject: Auto: hi\r\n\r\naway\r\n');
    const first = await queue.enqueue({ mailFrom: '', rcptTo: ['bob@y'], source: reply, reason: 'vacation', account: 'a@x' });
    const second = await queue.enqueue({ mailFrom: 'c@z', rcptTo: ['d@w', 'e@w'], source: Buffer.from('x\r\n'), reason: 'redirect' });
    const { id, mailFrom, rcptTo, reason, account, size, queuedAt } = first;
    assert.deepEqual({ id, mailFrom, rcptTo, reason, account, size, queuedAt }, { id: first.id, mailFrom: '', rcptTo: ['bob@y'], reason: 'vacation', account: 'a@x', size: reply.length, queuedAt: '2026-05-01T00:00:00.000Z' });
    await store.close();

    store = levelStore({ path });
    await store.open();
    queue = queueOn(store);
    assert.deepEqual((await queue.list()).map((entry) => entry.id), [first.id, second.id], 'oldest first');
    assert.deepEqual(await (await queue.read(first.id)).buffer(), reply);
    assert.deepEqual((await queue.list())[1]?.rcptTo, ['d@w', 'e@w']);
    await store.close();
  } finally {
    await rm(path, { recursive: true, force: true });
  }
});

test('an unknown id and a message over the size limit are refused with their codes', async () => {
  const store = memoryStore();
  await store.open();
  const queue = queueOn(store, { maxMessageBytes: 8 });
  await assert.rejects(queue.read('nope'), (error: unknown) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_NOT_FOUND));
  await assert.rejects(
    queue.enqueue({ mailFrom: '', rcptTo: ['b@y'], source: Buffer.from('123456789'), reason: 'bounce' }),
    (error: unknown) => isPosthouseError(error, ErrorCodes.QUEUE_MESSAGE_TOO_LARGE),
  );
  assert.deepEqual(await queue.list(), []);
  await store.close();
});
