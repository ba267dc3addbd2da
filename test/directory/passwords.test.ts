import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { syncBuiltinESMExports } from 'node:module';
import { afterEach, describe, it, mock } from 'node:test';
import { createDirectory, hashPassword, verifyPassword } from '../../src/directory/index.js';
import { isPosthouseError } from '../../src/errors/index.js';
import { mapRecords } from './fixtures.js';

describe('password hashes', () => {
  it('records scrypt, its parameters and a 16-byte random salt', async () => {
    const first = await hashPassword('s3cret');
    const second = await hashPassword('s3cret');
    assert.equal(first.scheme, 'scrypt');
    assert.deepEqual([first.N, first.r, first.p], [16384, 8, 1]);
    assert.equal(Buffer.from(first.salt, 'base64').length, 16);
    assert.notEqual(first.salt, second.salt);
    assert.notEqual(first.hash, second.hash);
    assert.equal(await verifyPassword('s3cret', first), true);
    assert.equal(await verifyPassword('S3cret', first), false);
  });
  it('verifies with the parameters recorded, not today’s', async () => {
    const cheap = { scheme: 'scrypt' as const, N: 1024, r: 8, p: 1, salt: Buffer.alloc(16, 1).toString('base64'), hash: '' };
    cheap.hash = crypto.scryptSync('old', Buffer.from(cheap.salt, 'base64'), 32, { N: 1024, r: 8, p: 1 }).toString('base64');
    assert.equal(await verifyPassword('old', cheap), true);
  });
  it('never matches a malformed record', async () => {
    assert.equal(await verifyPassword('x', { scheme: 'scrypt', N: 3, r: 8, p: 1, salt: '', hash: '' }), false);
    assert.equal(await verifyPassword('x', { scheme: 'scrypt', N: 1024, r: 8, p: 1, salt: 'AAAA', hash: 'short' }), false);
  });
});

describe('directory: authenticate', () => {
  afterEach(() => {
    mock.restoreAll();
    syncBuiltinESMExports();
  });

  async function directoryWithAlice() {
    const records = mapRecords();
    const directory = createDirectory({ records });
    await directory.addAccount('alice@example.com', { createDomain: true, password: 'correct horse' });
    await directory.addAccount('nopass@example.com');
    return { directory, records };
  }

  it('returns the account for the right password only', async () => {
    const { directory } = await directoryWithAlice();
    assert.equal((await directory.authenticate('Alice@Example.com', 'correct horse'))?.address, 'alice@example.com');
    assert.equal(await directory.authenticate('alice@example.com', 'wrong'), null);
    assert.equal(await directory.authenticate('nopass@example.com', ''), null);
    assert.equal(await directory.authenticate('nobody@example.com', 'correct horse'), null);
    assert.equal(await directory.authenticate('not an address', 'x'), null);
  });
  it('never stores the password in clear', async () => {
    const { records } = await directoryWithAlice();
    for (const namespace of ['directory.accounts', 'directory.credentials']) {
      assert.ok(!JSON.stringify(await records.list(namespace)).includes('correct horse'));
    }
  });
  it('changes the password', async () => {
    const { directory } = await directoryWithAlice();
    await directory.setPassword('alice@example.com', 'battery staple');
    assert.equal(await directory.authenticate('alice@example.com', 'correct horse'), null);
    assert.ok(await directory.authenticate('alice@example.com', 'battery staple'));
    await assert.rejects(directory.setPassword('alice@example.com', ''), (error: unknown) => isPosthouseError(error, 'CONFIG_INVALID'));
  });
  it('spends exactly one scrypt whether the address exists or not', async () => {
    const { directory } = await directoryWithAlice();
    const scrypt = mock.method(crypto, 'scrypt');
    syncBuiltinESMExports();
    for (const address of ['alice@example.com', 'nobody@example.com', 'nopass@example.com', 'nobody@elsewhere.org', '<<bad']) {
      scrypt.mock.resetCalls();
      await directory.authenticate(address, 'guess');
      assert.equal(scrypt.mock.callCount(), 1, address);
    }
  });
});
