import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { connectControlSocket, controlSocketPath } from '../../src/cli/control-socket.js';
import { runCli } from '../../src/cli/run-cli.js';
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { withRunningServer } from './running-server.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env: {}, stdin: Readable.from([]), out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

const KEY = /^ph_([0-9a-f]{16})_[A-Za-z0-9_-]{43}\n$/;

describe('posthouse keys (on the store, no server running)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-keys-cli-'));
    const server = createMailServer({ store: levelStore({ path: dir }), smtp: false });
    await server.listen();
    await server.close();
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('create prints the key once; list shows id, scope and name but never the secret; revoke removes it', async () => {
    const created = await run('keys', 'create', '--scope', 'domain:A.test', '--name', 'ci', '--data', dir);
    assert.equal(created.code, 0, created.stderr);
    const match = KEY.exec(created.stdout);
    assert.ok(match, `one key on stdout, got ${JSON.stringify(created.stdout)}`);
    const id = match[1]!;
    assert.match(created.stderr, new RegExp(`created API key ${id} \\(domain:a\\.test\\); the key above is shown only once`));
    const listed = await run('keys', 'list', '--data', dir);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, new RegExp(`^${id}  domain:a\\.test  ci  \\d{4}-\\d\\d-\\d\\dT`, 'm'));
    assert.ok(!listed.stdout.includes(created.stdout.trim()), 'the secret is not listed');

    const server = createMailServer({ store: levelStore({ path: dir }), smtp: false });
    await server.listen();
    try {
      assert.deepEqual((await server.http.keys.verify(created.stdout.trim()))?.scope, { kind: 'domain', domain: 'a.test' });
    } finally {
      await server.close();
    }
    assert.deepEqual(await run('keys', 'revoke', id, '--data', dir), { code: 0, stdout: `revoked API key ${id}\n`, stderr: '' });
    assert.equal((await run('keys', 'list', '--data', dir)).stdout, '');
    const again = await run('keys', 'revoke', id, '--data', dir);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`^posthouse: no API key ${id}\n$`));
  });

  it('a missing or wrong scope, or a missing data directory, is an error that creates nothing', async () => {
    const missing = await run('keys', 'create', '--data', dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--scope is required/);
    const wrong = await run('keys', 'create', '--scope', 'tenant:a.test', '--data', dir);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /scope must be server, domain:DOMAIN or account:ADDRESS/);
    const nowhere = await run('keys', 'create', '--scope', 'server', '--data', join(dir, 'missing'));
    assert.equal(nowhere.code, 1);
    assert.match(nowhere.stderr, /no data directory at/);
    assert.equal((await run('keys', 'list', '--data', dir)).stdout, '');
    assert.equal((await run('keys', 'revoke', '--data', dir)).code, 2);
  });
});

describe('posthouse keys (through the control socket of a running server)', () => {
  it('a key created while the server runs opens its API at once, and stops working once revoked', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posthouse-keys-cli-'));
    try {
      await withRunningServer(dir, async (server) => {
        await server.directory.addDomain('a.test');
        const created = await run('keys', 'create', '--scope', 'server', '--data', dir);
        assert.equal(created.code, 0, created.stderr);
        const key = created.stdout.trim();
        const domains = () => server.http.fetch(new Request('http://api.test/api/domains', { headers: { authorization: `Bearer ${key}` } }));
        assert.equal((await domains()).status, 200);
        const id = KEY.exec(created.stdout)![1]!;
        assert.match((await run('keys', 'list', '--data', dir)).stdout, new RegExp(`^${id}  server  `));
        assert.equal((await run('keys', 'revoke', id, '--data', dir)).code, 0);
        assert.equal((await domains()).status, 401);
        // The socket's whitelist takes the key methods with checked parameters, and nothing else of the API.
        const client = (await connectControlSocket(controlSocketPath(dir)))!;
        try {
          await assert.rejects(client.call('keysCreate', [42]), /parameter 1 of keysCreate must be a string/);
          await assert.rejects(client.call('keysVerify' as never, [key]), /unknown method/);
        } finally {
          client.close();
        }
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
