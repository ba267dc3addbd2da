import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { dkimVerify } from 'mailauth';
import { connectControlSocket, controlSocketPath } from '../../src/cli/control-socket.js';
import { runCli } from '../../src/cli/run-cli.js';
import { DkimKeys, signWithDkim } from '../../src/sender/dkim/index.js';
import { levelStore } from '../../src/store/index.js';
import { withRunningServer } from './running-server.js';

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env: {}, stdin: Readable.from([]), out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('posthouse dkim (on the store, no server running)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-dkim-cli-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  it('generate prints the TXT record; a message signed with the stored key verifies against it', async () => {
    const generated = await run('dkim', 'generate', 'example.com', '--selector', 'mail2024', '--algorithm', 'ed25519', '--data', dir);
    assert.equal(generated.code, 0, generated.stderr);
    const match = /^mail2024\._domainkey\.example\.com\. IN TXT "(v=DKIM1; k=ed25519; p=[A-Za-z0-9+/=]+)"\n$/.exec(generated.stdout);
    assert.ok(match, generated.stdout);
    const store = levelStore({ path: dir });
    await store.open();
    const key = await new DkimKeys(store.records).get('example.com');
    await store.close();
    assert.ok(key);
    const signed = await signWithDkim(Buffer.from('From: a@example.com\r\nSubject: s\r\n\r\nbody\r\n'), key);
    const result = await dkimVerify(signed, { resolver: async (name: string) => (name === 'mail2024._domainkey.example.com' ? [[match[1]!]] : []) });
    assert.equal(result.results[0]?.status.result, 'pass');

    const shown = await run('dkim', 'show', 'example.com', '--data', dir);
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^domain example\.com {2}selector mail2024 {2}algorithm ed25519 {2}created \S+\n/);
    assert.ok(shown.stdout.endsWith(generated.stdout));
  });

  it('show of a domain without a key and a bad algorithm are errors with their own exit codes', async () => {
    const missing = await run('dkim', 'show', 'nokey.test', '--data', dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no DKIM key for nokey\.test/);
    const bad = await run('dkim', 'generate', 'example.com', '--algorithm', 'dsa', '--data', dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--algorithm must be rsa or ed25519/);
  });
});

describe('posthouse dkim (through the control socket of a running server)', () => {
  it('a key generated while the server runs is the one it signs with; show reads it back; the private key never crosses the socket', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posthouse-dkim-cli-'));
    try {
      await withRunningServer(dir, async (server) => {
        const generated = await run('dkim', 'generate', 'example.com', '--selector', 'live', '--algorithm', 'ed25519', '--data', dir);
        assert.equal(generated.code, 0, generated.stderr);
        const key = await server.dkim.get('example.com');
        assert.ok(key, 'the running server has the key at once');
        assert.equal(generated.stdout, `live._domainkey.example.com. IN TXT "v=DKIM1; k=ed25519; p=${key.publicKey}"\n`);
        const shown = await run('dkim', 'show', 'example.com', '--data', dir);
        assert.equal(shown.code, 0, shown.stderr);
        assert.equal(shown.stdout, `domain example.com  selector live  algorithm ed25519  created ${key.createdAt}\n${generated.stdout}`);
        const missing = await run('dkim', 'show', 'nokey.test', '--data', dir);
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /no DKIM key for nokey\.test/);

        // The socket's whitelist takes the DKIM methods with checked parameters, and answers without the private key.
        const client = (await connectControlSocket(controlSocketPath(dir)))!;
        try {
          const answer = (await client.call('dkimShow', ['example.com'])) as Record<string, unknown>;
          assert.equal(answer['publicKey'], key.publicKey);
          assert.ok(!('privateKey' in answer), 'no private key in the answer');
          await assert.rejects(client.call('dkimGenerate', [42]), /parameter 1 of dkimGenerate must be a string/);
          await assert.rejects(client.call('dkimGenerate', ['example.com', null, 'dsa']), /unknown algorithm 'dsa'/);
          assert.equal((await server.dkim.get('example.com'))?.selector, 'live', 'a refused generate replaced nothing');
        } finally {
          client.close();
        }
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
