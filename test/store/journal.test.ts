import assert from 'node:assert/strict';
import { hash, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Level } from 'level';
import type { Store } from '../../src/interfaces/store.js';
import { levelStore } from '../../src/store/index.js';
import { classicLevelBackend, type BackendOperation, type LevelBackend } from '../../src/store/level/backend.js';
import { decodeRecordAt, encodeRecord, RECORD_HEADER_BYTES, type RecordPieces } from '../../src/store/level/journal-record.js';
import { JournalFile } from '../../src/store/level/journal-file.js';
import { JOURNAL_FILE_NAME } from '../../src/store/level/level-store.js';
import { createCrashableLevel } from '../../src/testing/crashable-level.js';
import { runStoreComplianceSuite } from '../../src/testing/store-compliance.js';
import { levelFactory, temporaryDirectory } from './level-fixture.js';

const SMALL_JOURNAL = 64 * 1024;
const account = 'journal@example.test';

// The whole contract again on a journal small enough to wrap, checkpoint and write around often.
runStoreComplianceSuite('levelStore with a 64 KiB journal', levelFactory({ journalBytes: SMALL_JOURNAL }));

describe('journal records', () => {
  const salt = randomBytes(8);
  const operations: BackendOperation[] = [
    { type: 'put', key: 'blob!é', value: Buffer.from('message bytes') },
    { type: 'del', key: 'message!00000001!00000002' },
    { type: 'put', key: 'empty', value: Buffer.alloc(0) },
  ];

  /** A record's pieces as they lie in the file. */
  const joined = (record: RecordPieces): Buffer => Buffer.concat(record.pieces, record.length);

  it('reads back exactly the operations written, and where the next record starts', () => {
    const record = joined(encodeRecord(operations, salt, 7));
    const journal = Buffer.concat([Buffer.alloc(5), record, Buffer.alloc(9)]);
    const decoded = decodeRecordAt(journal, 5, salt, 7);
    assert.ok(decoded);
    assert.equal(decoded.end, 5 + record.length);
    assert.deepEqual(decoded.operations.map((operation) => ({ ...operation, ...(operation.type === 'put' ? { value: operation.value.toString() } : {}) })), [
      { type: 'put', key: 'blob!é', value: 'message bytes' },
      { type: 'del', key: 'message!00000001!00000002' },
      { type: 'put', key: 'empty', value: '' },
    ]);
  });

  it('refuses a record with another salt or sequence number, a torn one, a flipped bit, zeros', () => {
    const record = joined(encodeRecord(operations, salt, 7));
    assert.equal(decodeRecordAt(record, 0, randomBytes(8), 7), null, 'another incarnation');
    assert.equal(decodeRecordAt(record, 0, salt, 8), null, 'an earlier lap of the ring');
    assert.equal(decodeRecordAt(record.subarray(0, record.length - 1), 0, salt, 7), null, 'torn');
    const flipped = Buffer.from(record);
    flipped[RECORD_HEADER_BYTES + 10]! ^= 0x01;
    assert.equal(decodeRecordAt(flipped, 0, salt, 7), null, 'bit flip');
    assert.equal(decodeRecordAt(Buffer.alloc(4096), 0, salt, 0), null, 'zeros');
    assert.equal(decodeRecordAt(record, record.length - 3, salt, 7), null, 'header past the end');
  });

  it('leaves large values where they are, and checks every piece', () => {
    const large = Buffer.alloc(10_000, 'm');
    const mixed: BackendOperation[] = [
      { type: 'put', key: 'blob!a', value: large },
      { type: 'put', key: 'message!1', value: Buffer.from('{"uid":1}') },
      { type: 'put', key: 'blob!b', value: Buffer.alloc(5000, 'n') },
      { type: 'del', key: 'quota!x' },
    ];
    const record = encodeRecord(mixed, salt, 3);
    assert.ok(record.pieces.includes(large), 'the message bytes are a piece of their own, not a copy');
    assert.equal(record.pieces.reduce((total, piece) => total + piece.length, 0), record.length);
    const bytes = joined(record);
    const decoded = decodeRecordAt(bytes, 0, salt, 3);
    assert.ok(decoded);
    assert.deepEqual(decoded.operations, mixed);
    // a flipped octet inside a gathered value fails the CRC like any other
    const flipped = Buffer.from(bytes);
    flipped[bytes.indexOf('mmmm') + 5000]! ^= 0x01;
    assert.equal(decodeRecordAt(flipped, 0, salt, 3), null);
  });

  it('checks a message named by its SHA-256 by that name, and everything else by the CRC', () => {
    const message = Buffer.alloc(12_000, 'q');
    const named: BackendOperation[] = [
      { type: 'put', key: `blob!${hash('sha256', message, 'hex')}`, value: message },
      { type: 'put', key: 'message!00000001!00000001', value: Buffer.alloc(2000, '{') },
    ];
    const bytes = joined(encodeRecord(named, salt, 4));
    assert.deepEqual(decodeRecordAt(bytes, 0, salt, 4)?.operations, named);
    const inMessage = Buffer.from(bytes);
    inMessage[bytes.indexOf('qqqq') + 6000]! ^= 0x01;
    assert.equal(decodeRecordAt(inMessage, 0, salt, 4), null, 'a torn message fails its name');
    const inRecord = Buffer.from(bytes);
    inRecord[bytes.indexOf('{{{{') + 1000]! ^= 0x01;
    assert.equal(decodeRecordAt(inRecord, 0, salt, 4), null, 'a large value that is not named by its hash is in the CRC');
    const inKey = Buffer.from(bytes);
    inKey[bytes.indexOf('blob!') + 10]! ^= 0x01;
    assert.equal(decodeRecordAt(inKey, 0, salt, 4), null, 'a key is in the CRC');
    const wrongName: BackendOperation[] = [{ type: 'put', key: `blob!${'0'.repeat(64)}`, value: message }];
    assert.equal(decodeRecordAt(joined(encodeRecord(wrongName, salt, 4)), 0, salt, 4), null, 'bytes that do not match their name');
  });

  it('still reads records of earlier versions, whose CRC covers every octet', () => {
    const message = Buffer.alloc(3000, 'r');
    const written: BackendOperation[] = [{ type: 'put', key: `blob!${hash('sha256', message, 'hex')}`, value: message }, ...operations];
    // a PHJ1 record: the same layout, the magic 'PHJ1', a CRC over the header and the whole payload
    const earlier = joined(encodeRecord(written, salt, 9));
    earlier.write('PHJ1', 0, 'latin1');
    earlier.writeUInt32LE(crc32(earlier.subarray(RECORD_HEADER_BYTES), crc32(earlier.subarray(0, 20))), 20);
    assert.equal(decodeRecordAt(earlier, 0, salt, 9)?.operations.length, written.length);
    const flipped = Buffer.from(earlier);
    flipped[earlier.indexOf('rrrr') + 100]! ^= 0x01;
    assert.equal(decodeRecordAt(flipped, 0, salt, 9), null);
  });

  it('refuses a payload whose lengths run past it, whatever its CRC', () => {
    const bytes = joined(encodeRecord(operations, salt, 2));
    const overrun = Buffer.from(bytes);
    overrun.writeUInt32LE(0xffff_fff0, RECORD_HEADER_BYTES + 4 + 1);
    overrun.writeUInt32LE(crc32(overrun.subarray(RECORD_HEADER_BYTES), crc32(overrun.subarray(0, 20))), 20);
    assert.equal(decodeRecordAt(overrun, 0, salt, 2), null);
  });

  it('writes a record of many pieces whole, at its position', async (t) => {
    const path = join(await temporaryDirectory(), 'journal');
    t.after(() => rm(path, { force: true }));
    const file = new JournalFile(path, SMALL_JOURNAL);
    await file.prepare();
    const record = encodeRecord(Array.from({ length: 40 }, (_, index): BackendOperation => ({ type: 'put', key: `blob!${index}`, value: Buffer.alloc(1200, index) })), salt, 0);
    await file.write(record, 100, false);
    await file.write(record, 100 + record.length, true);
    file.close();
    const written = await file.read();
    assert.deepEqual(written.subarray(100, 100 + 2 * record.length), Buffer.concat([joined(record), joined(record)]));
    assert.ok(decodeRecordAt(written, 100 + record.length, salt, 0));
  });
});

describe('the level store journal', () => {
  const directories: string[] = [];
  after(() => Promise.all(directories.map((path) => rm(path, { recursive: true, force: true }))));
  const directory = async (): Promise<string> => {
    const path = await temporaryDirectory();
    directories.push(path);
    return path;
  };
  const body = (index: number, bytes = 3000): Buffer => Buffer.from(`Subject: ${index}\r\n\r\n${String(index).repeat(bytes)}`);

  /** Delivers one message after another (each its own record); resolves their UIDs. */
  async function deliverInTurn(store: Store, count: number, bytes?: number): Promise<number[]> {
    const uids: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const [copy] = await store.deliver({ source: body(index, bytes), targets: [{ account, mailbox: 'INBOX' }] });
      uids.push(copy!.uid);
    }
    return uids;
  }

  async function bodiesIn(path: string): Promise<string[]> {
    const store = levelStore({ path });
    await store.open();
    try {
      const messages = await store.listMessages(account, 'INBOX');
      return await Promise.all(messages.map(async (message) => (await (await store.readMessage(account, 'INBOX', message.uid)).buffer()).toString()));
    } finally {
      await store.close();
    }
  }

  it('writes a lone delivery on the calling thread even with summaries riding in its record', async (t) => {
    const path = await directory();
    const store = levelStore({ path, journalBytes: SMALL_JOURNAL });
    await store.ensureAccount(account);
    const [earlier] = await deliverInTurn(store, 1);
    const records = t.mock.method(JournalFile.prototype, 'write');
    const summary = { subject: 's', from: [], to: [], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false };
    // one turn: an unsynced summary and a delivery share the batch; only the delivery waits for it
    await Promise.all([store.setSummary(account, 'INBOX', earlier!, summary), deliverInTurn(store, 1)]);
    await store.close();
    assert.deepEqual(records.mock.calls.map((call) => call.arguments[2]), [true], 'one record, written without the thread pool');
  });

  it('creates the journal at its size, filled with zeros', async () => {
    const path = await directory();
    const store = levelStore({ path, journalBytes: SMALL_JOURNAL });
    await store.open();
    await store.close();
    const journal = await readFile(join(path, JOURNAL_FILE_NAME));
    assert.equal(journal.length, SMALL_JOURNAL);
  });

  it('a power loss after many laps of a small ring keeps every acknowledged delivery', async () => {
    const path = await directory();
    const { store, crash } = createCrashableLevel(path, { journalBytes: SMALL_JOURNAL });
    await store.ensureAccount(account);
    // one batch larger than half the ring goes to LevelDB directly, synced
    const [large] = await store.deliver({ source: body(-1, 40_000), targets: [{ account, mailbox: 'INBOX' }] });
    // ~3 KB per record in a 64 KiB ring: about twenty laps, each needing checkpoints behind it
    const uids = [large!.uid, ...(await deliverInTurn(store, 400))];
    await crash();
    const bodies = await bodiesIn(path);
    assert.equal(bodies.length, uids.length);
    assert.deepEqual(bodies, [body(-1, 40_000).toString(), ...Array.from({ length: 400 }, (_, index) => body(index).toString())]);
  });

  it('replays the records after the last checkpoint when LevelDB lost them, then starts afresh', async () => {
    const path = await directory();
    const { store, crash } = createCrashableLevel(path);
    await store.ensureAccount(account);
    await deliverInTurn(store, 20);
    await crash();
    // the reopened store replayed 20 records; it must then write and reopen like any other
    const reopened = levelStore({ path });
    await reopened.open();
    await deliverInTurn(reopened, 3);
    await reopened.close();
    assert.equal((await bodiesIn(path)).length, 23);
  });

  it('stops replaying at a torn record and never at anything after it', async () => {
    const path = await directory();
    const { store, crash } = createCrashableLevel(path);
    await store.ensureAccount(account);
    await deliverInTurn(store, 10);
    await crash();
    // tear the last record: the bytes of a write the power loss cut short
    const file = join(path, JOURNAL_FILE_NAME);
    const journal = await readFile(file);
    const end = journal.length - journal.reverse().findIndex((byte) => byte !== 0);
    const torn = await readFile(file);
    torn.fill(0, end - 100, end);
    await writeFile(file, torn);
    const bodies = await bodiesIn(path);
    assert.equal(bodies.length, 9, 'the ten deliveries but the torn last one');
    assert.equal((await stat(file)).size, journal.length);
  });

  it('after a failed journal write it refuses writes with STORE_IO until closed and opened again', async (t) => {
    const path = await directory();
    const store = levelStore({ path, journalBytes: SMALL_JOURNAL });
    await store.ensureAccount(account);
    await deliverInTurn(store, 1);
    const failing = t.mock.method(JournalFile.prototype, 'write', () => Promise.reject(new Error('EIO: i/o error, write')));
    await assert.rejects(deliverInTurn(store, 1), { code: 'STORE_IO' });
    failing.mock.restore();
    await assert.rejects(deliverInTurn(store, 1), { code: 'STORE_IO' }, 'the index may be ahead of the disk: no more writes');
    await store.close();
    await store.open();
    assert.deepEqual((await store.listMessages(account, 'INBOX')).map((message) => message.uid), [1], 'the failed delivery never became durable');
    await deliverInTurn(store, 1);
    assert.equal((await store.listMessages(account, 'INBOX')).length, 2);
    await store.close();
  });

  it('after a failed journal write, close leaves no apply behind to write to LevelDB later', async (t) => {
    const path = await directory();
    const inner = classicLevelBackend(path);
    let closed = false;
    const writesWhileClosed: number[] = [];
    const backend: LevelBackend = {
      location: path,
      open: async () => {
        await inner.open();
        closed = false;
      },
      close: async () => {
        closed = true;
        await inner.close();
      },
      write: async (operations, options) => {
        if (closed) writesWhileClosed.push(operations.length);
        return inner.write(operations, options);
      },
      get: (key) => inner.get(key),
      entries: (range) => inner.entries(range),
    };
    const store = levelStore({ path, backend, journalBytes: SMALL_JOURNAL });
    await store.ensureAccount(account);
    await deliverInTurn(store, 1);
    // its operations wait in the overlay for the next apply, due within 10 ms
    await store.records.put('settings', 'key', { value: 1 });
    const failing = t.mock.method(JournalFile.prototype, 'write', () => Promise.reject(new Error('EIO: i/o error, write')));
    await assert.rejects(deliverInTurn(store, 1), { code: 'STORE_IO' });
    failing.mock.restore();
    await store.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(writesWhileClosed, [], 'no write reached LevelDB after it was closed');
  });

  it('reads see writes before they reach LevelDB, and a clean close keeps every write', async () => {
    const path = await directory();
    const store = levelStore({ path, journalBytes: SMALL_JOURNAL });
    await store.ensureAccount(account);
    const [uid] = await deliverInTurn(store, 1);
    // read at once: the blob is still in the journal's overlay, not yet in LevelDB
    assert.equal((await (await store.readMessage(account, 'INBOX', uid!)).buffer()).toString(), body(0).toString());
    await store.records.put('settings', 'key', { value: 1 });
    assert.deepEqual(await store.records.list('settings'), [{ key: 'key', value: { value: 1 } }]);
    // an unsynced write (a summary) is kept by a clean close too
    const summary = { subject: 's', from: [], to: [], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false };
    await store.setSummary(account, 'INBOX', uid!, summary);
    await store.close();
    await store.open();
    assert.deepEqual(await store.records.get('settings', 'key'), { value: 1 });
    assert.deepEqual((await store.getMessage(account, 'INBOX', uid!))?.summary, summary);
    await store.close();
  });
});

describe('the level store blob segments', () => {
  const directories: string[] = [];
  after(() => Promise.all(directories.map((path) => rm(path, { recursive: true, force: true }))));
  const body = (index: number): Buffer => Buffer.from(`Subject: ${index}\r\n\r\n${String(index).padStart(6, '0').repeat(500)}`);
  const segments = async (path: string): Promise<string[]> => (await readdir(join(path, 'blobs'))).sort();

  it('compacts a mostly unreferenced segment into the current one and deletes it', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    // ~3 KB messages, 16 KiB segments: five messages a segment
    const store = levelStore({ path, segmentBytes: 16 * 1024 });
    await store.ensureAccount(account);
    for (let index = 0; index < 20; index += 1) await store.deliver({ source: body(index), targets: [{ account, mailbox: 'INBOX' }] });
    // every blob in its segment before the expunge: one still waiting for LevelDB when it comes is
    // never written at all, and the first segment would hold other messages than the first five
    await store.close();
    await store.open();
    const [first] = await segments(path);
    // keep one message of the first segment, and every message of the others
    await store.updateFlags(account, 'INBOX', { uids: [{ start: 1, end: 4 }] }, { operation: 'add', flags: ['\\Deleted'] });
    await store.expunge(account, 'INBOX');
    // later writes carry the move; the next synced write deletes the emptied segment
    for (let index = 20; index < 24; index += 1) await store.deliver({ source: body(index), targets: [{ account, mailbox: 'INBOX' }] });
    await store.close();
    assert.ok(!(await segments(path)).includes(first!), `${first} is still there`);
    await store.open();
    const messages = await store.listMessages(account, 'INBOX');
    assert.deepEqual(messages.map((message) => message.uid), Array.from({ length: 20 }, (_, index) => index + 5));
    for (const message of messages) {
      assert.deepEqual(await (await store.readMessage(account, 'INBOX', message.uid)).buffer(), body(message.uid - 1), `message ${message.uid}`);
    }
    await store.close();
  });

  it('still reads and deletes blobs that an earlier version kept in LevelDB', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const store = levelStore({ path });
    await store.ensureAccount(account);
    const [copy] = await store.deliver({ source: body(1), targets: [{ account, mailbox: 'INBOX' }] });
    await store.close();
    // what a store written before blob segments holds: the bytes as the value of blob!<id>
    const db = new Level<string, Buffer>(path, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    await db.batch([{ type: 'del', key: `blobref!${copy!.blobId}` }, { type: 'put', key: `blob!${copy!.blobId}`, value: body(1) }], { sync: true });
    await db.close();
    await store.open();
    assert.deepEqual(await (await store.readMessage(account, 'INBOX', copy!.uid)).buffer(), body(1));
    await store.updateFlags(account, 'INBOX', { uids: [{ start: copy!.uid, end: copy!.uid }] }, { operation: 'add', flags: ['\\Deleted'] });
    await store.expunge(account, 'INBOX');
    await store.close();
    const reopened = new Level<string, Buffer>(path, { keyEncoding: 'utf8', valueEncoding: 'buffer' });
    try {
      assert.deepEqual(await reopened.keys({ gte: 'blob', lt: 'blobz' }).all(), []);
    } finally {
      await reopened.close();
    }
  });
});
