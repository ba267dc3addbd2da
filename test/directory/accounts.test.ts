import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDirectory } from '../../src/directory/index.js';
import { isPosthouseError } from '../../src/errors/index.js';
import type { ErrorCode } from '../../src/errors/index.js';
import { mapRecords, recordingStore } from './fixtures.js';

const withCode = (code: ErrorCode) => (error: unknown) => isPosthouseError(error, code);

describe('directory: domains', () => {
  it('adds, lists and removes domains, normalised to lower-case A-labels', async () => {
    const directory = createDirectory({ records: mapRecords() });
    const record = await directory.addDomain('Bücher.DE');
    assert.equal(record.domain, 'xn--bcher-kva.de');
    assert.equal(record.catchAll, null);
    await directory.addDomain('example.com', { catchAll: 'Postmaster@Example.com' });
    assert.deepEqual((await directory.listDomains()).map((domain) => domain.domain), ['example.com', 'xn--bcher-kva.de']);
    assert.equal((await directory.listDomains())[0]?.catchAll, 'postmaster@example.com');
    assert.equal(await directory.isLocalDomain('BÜCHER.de'), true);
    assert.equal(await directory.isLocalDomain('other.org'), false);
    assert.equal(await directory.isLocalDomain('not a domain'), false);
    await directory.removeDomain('bücher.de');
    assert.equal(await directory.isLocalDomain('bücher.de'), false);
  });
  it('rejects duplicates, unknown domains and invalid names with stable codes', async () => {
    const directory = createDirectory({ records: mapRecords() });
    await directory.addDomain('example.com');
    await assert.rejects(directory.addDomain('EXAMPLE.com'), withCode('DOMAIN_EXISTS'));
    await assert.rejects(directory.removeDomain('nope.example'), withCode('DOMAIN_NOT_FOUND'));
    await assert.rejects(directory.setCatchAll('nope.example', null), withCode('DOMAIN_NOT_FOUND'));
    await assert.rejects(directory.addDomain('exa mple.com'), withCode('ADDRESS_INVALID'));
    await assert.rejects(directory.addDomain('[192.0.2.1]'), withCode('ADDRESS_INVALID'));
    await assert.rejects(directory.addDomain('example.com', { catchAll: 'not an address' }), withCode('ADDRESS_INVALID'));
  });
  it('sets and clears the catch-all', async () => {
    const directory = createDirectory({ records: mapRecords() });
    await directory.addDomain('example.com');
    await directory.setCatchAll('example.com', 'All@Example.com');
    assert.equal((await directory.listDomains())[0]?.catchAll, 'all@example.com');
    await directory.setCatchAll('example.com', null);
    assert.equal((await directory.listDomains())[0]?.catchAll, null);
  });
  it('removing a domain removes its accounts (and their mail) and aliases', async () => {
    const records = mapRecords();
    const { store, calls } = recordingStore(records);
    const directory = createDirectory({ records, store });
    await directory.addAccount('a@example.com', { createDomain: true });
    await directory.addAccount('b@other.com', { createDomain: true });
    await directory.addAlias('team@example.com', ['a@example.com']);
    await directory.removeDomain('example.com');
    assert.deepEqual((await directory.listAccounts()).map((account) => account.address), ['b@other.com']);
    assert.deepEqual(await directory.listAliases(), []);
    assert.deepEqual(calls.deleteAccount, ['a@example.com']);
  });
});

describe('directory: accounts', () => {
  it('adds an account with its normalised address and domain', async () => {
    const directory = createDirectory({ records: mapRecords() });
    await directory.addDomain('example.com');
    const account = await directory.addAccount('<Alice@EXAMPLE.com>', { quota: { maxBytes: 1000 } });
    assert.equal(account.address, 'alice@example.com');
    assert.equal(account.domain, 'example.com');
    assert.deepEqual(account.quota, { maxBytes: 1000 });
    assert.ok(!Number.isNaN(Date.parse(account.createdAt)));
    assert.deepEqual(await directory.getAccount('ALICE@example.com'), account);
    assert.equal(await directory.getAccount('bob@example.com'), null);
  });
  it('needs the domain unless createDomain is set', async () => {
    const directory = createDirectory({ records: mapRecords() });
    await assert.rejects(directory.addAccount('a@example.com'), withCode('DOMAIN_NOT_FOUND'));
    await directory.addAccount('a@example.com', { createDomain: true });
    assert.equal(await directory.isLocalDomain('example.com'), true);
    await directory.addAccount('b@example.com', { createDomain: true });
    assert.equal((await directory.listDomains()).length, 1);
  });
  it('rejects duplicates, missing accounts and clashes with aliases', async () => {
    const directory = createDirectory({ records: mapRecords() });
    await directory.addAccount('a@example.com', { createDomain: true });
    await assert.rejects(directory.addAccount('A@example.com'), withCode('ACCOUNT_EXISTS'));
    await assert.rejects(directory.removeAccount('nobody@example.com'), withCode('ACCOUNT_NOT_FOUND'));
    await assert.rejects(directory.setPassword('nobody@example.com', 'x'), withCode('ACCOUNT_NOT_FOUND'));
    await directory.addAlias('list@example.com', ['a@example.com']);
    await assert.rejects(directory.addAccount('list@example.com'), withCode('ALIAS_EXISTS'));
    await assert.rejects(directory.addAlias('a@example.com', ['list@example.com']), withCode('ACCOUNT_EXISTS'));
    await assert.rejects(directory.addAccount('not an address'), withCode('ADDRESS_INVALID'));
  });
  it('keeps only one of two concurrent adds of the same address', async () => {
    const directory = createDirectory({ records: mapRecords() });
    const results = await Promise.allSettled([directory.addAccount('a@example.com', { createDomain: true }), directory.addAccount('A@example.com', { createDomain: true })]);
    assert.deepEqual(results.map((result) => result.status).sort(), ['fulfilled', 'rejected']);
  });
  it('lists accounts, by domain too', async () => {
    const directory = createDirectory({ records: mapRecords() });
    for (const address of ['b@one.com', 'a@one.com', 'c@two.com']) await directory.addAccount(address, { createDomain: true });
    assert.deepEqual((await directory.listAccounts()).map((account) => account.address), ['a@one.com', 'b@one.com', 'c@two.com']);
    assert.deepEqual((await directory.listAccounts('TWO.com')).map((account) => account.address), ['c@two.com']);
  });
  it('creates the mailboxes and quota in the store, and deletes the mail with the account', async () => {
    const records = mapRecords();
    const { store, calls } = recordingStore(records);
    const directory = createDirectory({ records, store });
    await directory.addAccount('a@example.com', { createDomain: true, quota: { maxMessages: 5 } });
    assert.deepEqual(calls.ensureAccount, [
      {
        account: 'a@example.com',
        mailboxes: [
          { name: 'INBOX', specialUse: '\\Inbox' },
          { name: 'Sent', specialUse: '\\Sent' },
          { name: 'Drafts', specialUse: '\\Drafts' },
          { name: 'Junk', specialUse: '\\Junk' },
          { name: 'Trash', specialUse: '\\Trash' },
          { name: 'Archive', specialUse: '\\Archive' },
        ],
      },
    ]);
    assert.deepEqual(calls.setQuota, [{ account: 'a@example.com', quota: { maxMessages: 5 } }]);
    await directory.removeAccount('A@example.com');
    assert.deepEqual(calls.deleteAccount, ['a@example.com']);
    assert.equal(await directory.getAccount('a@example.com'), null);
  });
  it('keeps local-part case when asked to', async () => {
    const directory = createDirectory({ records: mapRecords(), caseSensitiveLocalPart: true });
    await directory.addAccount('Alice@example.com', { createDomain: true });
    await directory.addAccount('alice@example.com');
    assert.equal((await directory.listAccounts()).length, 2);
  });
  it('refuses an empty sub-address separator at creation', () => {
    assert.throws(() => createDirectory({ records: mapRecords(), subaddressSeparator: '' }), withCode('CONFIG_INVALID'));
  });
});
