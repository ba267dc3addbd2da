import assert from 'node:assert/strict';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Level } from 'level';
import { levelStore } from '../../src/store/index.js';
import { JournalFile } from '../../src/store/level/journal-file.js';
import { runStoreComplianceSuite } from '../../src/testing/store-compliance.js';
import { levelFactory, temporaryDirectory } from './level-fixture.js';

runStoreComplianceSuite('levelStore', levelFactory());

/** The keys LevelDB holds under a prefix, read straight from the directory. */
async function keysOnDisk(path: string, prefix: string): Promise<string[]> {
  const db = new Level<string, Buffer>(path, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
  try {
    return await db.keys({ gte: prefix, lt: `${prefix}\xff` }).all();
  } finally {
    await db.close();
  }
}

describe('levelStore on disk', () => {
  const directories: string[] = [];
  after(() => Promise.all(directories.map((path) => rm(path, { recursive: true, force: true }))));

  it('writes a blob once for many targets and deletes it with its last message', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const store = levelStore({ path });
    await store.ensureAccount('a@example.test');
    await store.ensureAccount('b@example.test');
    const targets = [{ account: 'a@example.test', mailbox: 'INBOX' }, { account: 'b@example.test', mailbox: 'INBOX' }];
    const [first] = await store.deliver({ source: Buffer.from('Subject: once\r\n\r\nbody'), targets });
    await store.close();
    assert.deepEqual(await keysOnDisk(path, 'blobref!'), [`blobref!${first!.blobId}`]);
    assert.deepEqual(await keysOnDisk(path, 'blob!'), [], 'the bytes are in a segment file, not in LevelDB');
    assert.equal((await keysOnDisk(path, 'message!')).length, 2);
    assert.equal((await readdir(join(path, 'blobs'))).length, 1);

    await store.open();
    await store.updateFlags('a@example.test', 'INBOX', {}, { operation: 'add', flags: ['\\Deleted'] });
    await store.expunge('a@example.test', 'INBOX');
    await store.close();
    assert.equal((await keysOnDisk(path, 'blobref!')).length, 1, 'b still references it');

    await store.open();
    await store.deleteAccount('b@example.test');
    await store.close();
    assert.deepEqual(await keysOnDisk(path, 'blobref!'), []);
    assert.deepEqual(await keysOnDisk(path, 'message!'), []);
    assert.deepEqual(await readdir(join(path, 'blobs')), [], 'the segment went with its last blob');
  });

  it('concurrent deliveries share journal records (group commit) and all land', async (t) => {
    const path = await temporaryDirectory();
    directories.push(path);
    const store = levelStore({ path });
    await store.ensureAccount('a@example.test');
    const records = t.mock.method(JournalFile.prototype, 'write');
    const deliveries = Array.from({ length: 64 }, (_, index) =>
      store.deliver({ source: Buffer.from(`Subject: ${index}\r\n\r\n${'x'.repeat(10_000)}`), targets: [{ account: 'a@example.test', mailbox: 'INBOX' }] }));
    const results = await Promise.all(deliveries);
    await store.close();
    assert.ok(records.mock.callCount() > 0 && records.mock.callCount() < 64, `64 deliveries took ${records.mock.callCount()} records`);
    assert.equal((await keysOnDisk(path, 'message!')).length, 64);
    assert.deepEqual(results.map((result) => result[0]!.uid), Array.from({ length: 64 }, (_, index) => index + 1));
  });
});
