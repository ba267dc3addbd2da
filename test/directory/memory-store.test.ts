import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDirectory } from '../../src/directory/index.js';
import { memoryStore } from '../../src/store/memory/index.js';

describe('directory over the memory store', () => {
  it('creates the special-use mailboxes and quota, and removes the mail with the account', async () => {
    const store = memoryStore();
    await store.open();
    try {
      const directory = createDirectory({ records: store.records, store });
      await directory.addAccount('alice@example.com', { createDomain: true, password: 'pw', quota: { maxBytes: 100 } });
      const mailboxes = await store.listMailboxes('alice@example.com');
      assert.deepEqual(mailboxes.map((mailbox) => [mailbox.name, mailbox.specialUse]).sort(), [
        ['Archive', '\\Archive'], ['Drafts', '\\Drafts'], ['INBOX', '\\Inbox'], ['Junk', '\\Junk'], ['Sent', '\\Sent'], ['Trash', '\\Trash'],
      ]);
      assert.deepEqual((await store.quotaUsage('alice@example.com')).limits, { maxBytes: 100 });
      assert.equal((await directory.authenticate('alice@example.com', 'pw'))?.address, 'alice@example.com');
      await store.append({ account: 'alice@example.com', mailbox: 'INBOX' }, Buffer.from('Subject: x\r\n\r\nhi\r\n'));
      await directory.removeAccount('alice@example.com');
      assert.deepEqual(await store.listMailboxes('alice@example.com'), []);
      assert.equal(await directory.getAccount('alice@example.com'), null);
    } finally {
      await store.close();
    }
  });
});
