import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createDirectory, MAX_ALIAS_DEPTH } from '../../src/directory/index.js';
import { isPosthouseError } from '../../src/errors/index.js';
import type { DirectoryOptions } from '../../src/directory/index.js';
import type { Directory } from '../../src/interfaces/directory.js';
import { mapRecords } from './fixtures.js';

async function directoryOf(setup: (directory: Directory) => Promise<void>, options: Partial<DirectoryOptions> = {}): Promise<Directory> {
  const directory = createDirectory({ records: mapRecords(), ...options });
  await directory.addDomain('example.com');
  await directory.addAccount('alice@example.com');
  await directory.addAccount('bob@example.com');
  await setup(directory);
  return directory;
}

describe('directory: resolve', () => {
  it('resolves an account, normalising the address', async () => {
    const directory = await directoryOf(async () => {});
    assert.deepEqual(await directory.resolve('<Alice@EXAMPLE.com>'), {
      kind: 'local', address: 'alice@example.com', via: 'account', targets: [{ account: 'alice@example.com', detail: null }], forward: [],
    });
  });
  it('resolves a sub-address to its account with the detail (RFC 5233)', async () => {
    const directory = await directoryOf(async () => {});
    const resolution = await directory.resolve('alice+Lists+x@example.com');
    assert.equal(resolution.kind, 'local');
    assert.deepEqual(resolution.kind === 'local' && resolution.targets, [{ account: 'alice@example.com', detail: 'Lists+x' }]);
    assert.equal(resolution.address, 'alice+lists+x@example.com');
  });
  it('prefers an exact account over the sub-address base', async () => {
    const directory = await directoryOf(async (d) => void (await d.addAccount('alice+work@example.com')));
    const resolution = await directory.resolve('alice+work@example.com');
    assert.deepEqual(resolution.kind === 'local' && resolution.targets, [{ account: 'alice+work@example.com', detail: null }]);
  });
  it('honours another separator, or none', async () => {
    const dash = await directoryOf(async () => {}, { subaddressSeparator: '-' });
    assert.deepEqual((await dash.resolve('alice-x@example.com')).kind, 'local');
    assert.deepEqual((await dash.resolve('alice+x@example.com')).kind, 'unknown-user');
    const none = await directoryOf(async () => {}, { subaddressSeparator: null });
    assert.deepEqual((await none.resolve('alice+x@example.com')).kind, 'unknown-user');
  });
  it('fans an alias out to its targets, once per account', async () => {
    const directory = await directoryOf(async (d) => void (await d.addAlias('team@example.com', ['alice@example.com', 'Bob@example.com', 'alice+dup@example.com'])));
    const resolution = await directory.resolve('team@example.com');
    assert.equal(resolution.kind === 'local' && resolution.via, 'alias');
    assert.deepEqual(resolution.kind === 'local' && resolution.targets, [
      { account: 'alice@example.com', detail: null },
      { account: 'bob@example.com', detail: null },
    ]);
  });
  it('expands aliases of aliases and hands the alias detail to targets', async () => {
    const directory = await directoryOf(async (d) => {
      await d.addAlias('all@example.com', ['team@example.com', 'bob+own@example.com']);
      await d.addAlias('team@example.com', ['alice@example.com']);
    });
    const resolution = await directory.resolve('all+urgent@example.com');
    assert.deepEqual(resolution.kind === 'local' && resolution.targets, [
      { account: 'alice@example.com', detail: 'urgent' },
      { account: 'bob@example.com', detail: 'own' },
    ]);
  });
  it('reports non-local alias targets in forward', async () => {
    const directory = await directoryOf(async (d) => {
      await d.addAlias('mixed@example.com', ['alice@example.com', 'Friend@Elsewhere.org']);
      await d.addAlias('away@example.com', ['friend@elsewhere.org']);
    });
    const mixed = await directory.resolve('mixed@example.com');
    assert.deepEqual(mixed.kind === 'local' && [mixed.targets, mixed.forward], [[{ account: 'alice@example.com', detail: null }], ['friend@elsewhere.org']]);
    const away = await directory.resolve('away@example.com');
    assert.deepEqual(away.kind === 'local' && [away.via, away.targets, away.forward], ['alias', [], ['friend@elsewhere.org']]);
  });
  it('ends alias loops and treats an alias reaching nothing as unknown', async () => {
    const directory = await directoryOf(async (d) => {
      await d.addAlias('ping@example.com', ['pong@example.com']);
      await d.addAlias('pong@example.com', ['ping@example.com', 'alice@example.com']);
      await d.addAlias('self@example.com', ['self@example.com']);
      await d.addAlias('stale@example.com', ['gone@example.com']);
    });
    const ping = await directory.resolve('ping@example.com');
    assert.deepEqual(ping.kind === 'local' && ping.targets, [{ account: 'alice@example.com', detail: null }]);
    assert.equal((await directory.resolve('self@example.com')).kind, 'unknown-user');
    assert.equal((await directory.resolve('stale@example.com')).kind, 'unknown-user');
  });
  it(`cuts alias chains deeper than ${MAX_ALIAS_DEPTH}`, async () => {
    const directory = await directoryOf(async (d) => {
      for (let level = 0; level <= MAX_ALIAS_DEPTH + 1; level++) {
        await d.addAccount(`user${level}@example.com`);
        await d.addAlias(`chain${level}@example.com`, [`user${level}@example.com`, `chain${level + 1}@example.com`]);
      }
    });
    const resolution = await directory.resolve('chain0@example.com');
    const reached = resolution.kind === 'local' ? resolution.targets.map((target) => target.account) : [];
    assert.deepEqual(reached, Array.from({ length: MAX_ALIAS_DEPTH }, (_, level) => `user${level}@example.com`));
  });
  it('sends unknown local parts to the catch-all, which may be an alias or non-local', async () => {
    const directory = await directoryOf(async (d) => {
      await d.setCatchAll('example.com', 'bob@example.com');
      await d.addDomain('lists.example.com', { catchAll: 'team@example.com' });
      await d.addAlias('team@example.com', ['alice@example.com']);
      await d.addDomain('relay.example.com', { catchAll: 'ops@elsewhere.org' });
    });
    const unknown = await directory.resolve('whoever+x@example.com');
    assert.deepEqual(unknown.kind === 'local' && [unknown.via, unknown.targets], ['catch-all', [{ account: 'bob@example.com', detail: null }]]);
    const viaAlias = await directory.resolve('x@lists.example.com');
    assert.deepEqual(viaAlias.kind === 'local' && viaAlias.targets, [{ account: 'alice@example.com', detail: null }]);
    const forwarded = await directory.resolve('x@relay.example.com');
    assert.deepEqual(forwarded.kind === 'local' && [forwarded.targets, forwarded.forward], [[], ['ops@elsewhere.org']]);
  });
  it('treats a catch-all that loops back as unknown', async () => {
    const directory = await directoryOf(async (d) => d.setCatchAll('example.com', 'nobody@example.com'));
    assert.equal((await directory.resolve('x@example.com')).kind, 'unknown-user');
  });
  it('answers unknown-user for local domains and non-local for others', async () => {
    const directory = await directoryOf(async () => {});
    assert.deepEqual(await directory.resolve('carol@example.com'), { kind: 'unknown-user', address: 'carol@example.com' });
    assert.deepEqual(await directory.resolve('carol@Elsewhere.org'), { kind: 'non-local', address: 'carol@elsewhere.org' });
    assert.deepEqual(await directory.resolve('carol@[192.0.2.1]'), { kind: 'non-local', address: 'carol@[192.0.2.1]' });
  });
  it('rejects an invalid address with ADDRESS_INVALID', async () => {
    const directory = await directoryOf(async () => {});
    await assert.rejects(directory.resolve('a@b@c'), (error: unknown) => isPosthouseError(error, 'ADDRESS_INVALID'));
  });
  it('with acceptAll, resolves anything that matches nothing to an account of its own name', async () => {
    const directory = await directoryOf(async (d) => void (await d.addAlias('team@example.com', ['bob@example.com'])), { acceptAll: true });
    assert.deepEqual(await directory.resolve('New@User.test'), {
      kind: 'local', address: 'new@user.test', via: 'accept-all', targets: [{ account: 'new@user.test', detail: null }], forward: [],
    });
    const tagged = await directory.resolve('new+tag@user.test');
    assert.deepEqual(tagged.kind === 'local' && tagged.targets, [{ account: 'new@user.test', detail: 'tag' }]);
    assert.equal((await directory.resolve('carol@example.com')).kind === 'local', true);
    const alias = await directory.resolve('team@example.com');
    assert.deepEqual(alias.kind === 'local' && [alias.via, alias.targets], ['alias', [{ account: 'bob@example.com', detail: null }]]);
  });
});

describe('directory: aliases', () => {
  it('adds, lists and removes aliases with normalised, de-duplicated targets', async () => {
    const directory = await directoryOf(async () => {});
    await directory.addDomain('other.com');
    const record = await directory.addAlias('Team@Example.com', ['Alice@example.com', 'alice@EXAMPLE.com', 'x@bücher.de']);
    assert.deepEqual(record, { alias: 'team@example.com', targets: ['alice@example.com', 'x@xn--bcher-kva.de'] });
    await directory.addAlias('a@other.com', ['alice@example.com']);
    assert.deepEqual((await directory.listAliases('other.com')).map((alias) => alias.alias), ['a@other.com']);
    assert.equal((await directory.listAliases()).length, 2);
    await directory.removeAlias('TEAM@example.com');
    assert.equal((await directory.resolve('team@example.com')).kind, 'unknown-user');
  });
  it('rejects duplicates, missing aliases, unknown domains and empty target lists', async () => {
    const directory = await directoryOf(async (d) => void (await d.addAlias('team@example.com', ['alice@example.com'])));
    const code = (expected: string) => (error: unknown) => isPosthouseError(error) && error.code === expected;
    await assert.rejects(directory.addAlias('team@example.com', ['bob@example.com']), code('ALIAS_EXISTS'));
    await assert.rejects(directory.removeAlias('nope@example.com'), code('ALIAS_NOT_FOUND'));
    await assert.rejects(directory.addAlias('x@elsewhere.org', ['alice@example.com']), code('DOMAIN_NOT_FOUND'));
    await assert.rejects(directory.addAlias('x@example.com', []), code('CONFIG_INVALID'));
    await assert.rejects(directory.addAlias('x@example.com', ['not an address']), code('ADDRESS_INVALID'));
  });
});
