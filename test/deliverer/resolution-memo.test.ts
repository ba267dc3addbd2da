import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bufferSource } from '../../src/core/message-source.js';
import { Deliverer } from '../../src/deliverer/deliverer.js';
import { createDirectory } from '../../src/directory/index.js';
import type { Directory } from '../../src/interfaces/directory.js';
import { memoryStore } from '../../src/store/index.js';

const session = { id: 's1', remoteAddress: '127.0.0.1', heloName: 'client.test', secure: false, authenticatedUser: null };

describe('Deliverer: RCPT-time resolutions', () => {
  it('resolves each recipient once per transaction, and afresh for the next one', async () => {
    const store = memoryStore();
    await store.open();
    const inner = createDirectory({ records: store.records, store, acceptAll: true });
    let lookups = 0;
    const directory: Directory = Object.assign(Object.create(inner) as Directory, {
      resolve: (address: string) => (lookups++, inner.resolve(address)),
    });
    const deliverer = new Deliverer({ store, directory, summaries: false });
    const envelope = (id: string) => ({ id, mailFrom: 'a@b.test', rcptTo: ['u@example.test'], receivedAt: new Date(), session });
    await deliverer.checkRecipient('u@example.test', session);
    await deliverer.deliver(envelope('e1'), bufferSource('Subject: one\r\n\r\nhi\r\n'));
    assert.equal(lookups, 1);
    await deliverer.deliver(envelope('e2'), bufferSource('Subject: two\r\n\r\nhi\r\n'));
    assert.equal(lookups, 2);
    const stored = await store.listMessages('u@example.test', 'INBOX');
    assert.equal(stored.length, 2);
    assert.match((await (await store.readMessage('u@example.test', 'INBOX', 1)).buffer()).toString(), /^Return-Path: <a@b\.test>\r\nSubject: one/);
    await store.close();
  });
});
