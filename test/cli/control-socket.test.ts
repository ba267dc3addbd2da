import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PosthouseError, isPosthouseError } from '../../src/errors/index.js';
import type { AccountRecord, AliasRecord, DomainRecord } from '../../src/interfaces/directory.js';
import { ControlError, type ControlledDirectory } from '../../src/cli/control-protocol.js';
import { connectControlSocket, controlSocketPath, startControlServer, type ControlServer } from '../../src/cli/control-socket.js';

/** A directory that records its calls and knows one domain. */
function fakeDirectory(calls: unknown[][]): ControlledDirectory {
  const domain: DomainRecord = { domain: 'example.com', catchAll: null, createdAt: '2026-01-01T00:00:00.000Z' };
  const account = (address: string): AccountRecord => ({ address, domain: 'example.com', quota: {}, createdAt: domain.createdAt });
  const record = (name: string) => async (...args: unknown[]) => {
    calls.push([name, ...args]);
  };
  return {
    addDomain: async (name) => ({ ...domain, domain: name }),
    removeDomain: async (name) => {
      throw new PosthouseError('DOMAIN_NOT_FOUND', `no domain ${name}`);
    },
    listDomains: async () => [domain],
    setCatchAll: record('setCatchAll'),
    addAccount: async (address, options) => (calls.push(['addAccount', address, options]), account(address)),
    removeAccount: record('removeAccount'),
    getAccount: () => new Promise((resolve) => setTimeout(() => resolve(null), 20)),
    listAccounts: async (filter) => (calls.push(['listAccounts', filter]), [account('a@example.com')]),
    setPassword: record('setPassword'),
    addAlias: async (alias, targets): Promise<AliasRecord> => ({ alias, targets }),
    removeAlias: async () => {
      throw new Error('disk on fire');
    },
    listAliases: async () => [],
    resolve: async (address) => ({ kind: 'non-local', address }),
    // The rules methods of the control socket are tested in test/cli/rules.test.ts.
    rulesPut: record('rulesPut') as never,
    rulesGet: record('rulesGet') as never,
    rulesList: record('rulesList') as never,
    rulesActivate: record('rulesActivate') as never,
    rulesApply: record('rulesApply') as never,
    // The API key methods are tested in test/cli/keys.test.ts.
    keysCreate: record('keysCreate') as never,
    keysList: record('keysList') as never,
    keysRevoke: record('keysRevoke') as never,
    // The DKIM methods are tested in test/cli/dkim.test.ts.
    dkimGenerate: record('dkimGenerate') as never,
    dkimShow: record('dkimShow') as never,
    // The queue methods are tested in test/cli/queue.test.ts.
    queueList: record('queueList') as never,
    queueShow: record('queueShow') as never,
    queueRetry: record('queueRetry') as never,
    queueHold: record('queueHold') as never,
    queueRelease: record('queueRelease') as never,
    queueDelete: record('queueDelete') as never,
  };
}

/** Sends raw lines and collects reply lines until `count` arrived or the server closed. */
async function exchange(path: string, payload: string, count: number, options: { endAfterWrite?: boolean } = {}): Promise<unknown[]> {
  const socket = connect(path);
  if (options.endAfterWrite === true) socket.end(payload);
  else socket.write(payload);
  let text = '';
  for await (const chunk of socket) {
    text += String(chunk);
    if (text.split('\n').length > count) break;
  }
  socket.destroy();
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as unknown);
}

describe('control socket', () => {
  let dir: string;
  let server: ControlServer;
  const calls: unknown[][] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-control-'));
    server = await startControlServer({ path: controlSocketPath(dir), directory: fakeDirectory(calls), maxRequestBytes: 1024 });
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the socket owner-only (0600)', async () => {
    const info = await stat(server.path);
    assert.ok(info.isSocket());
    assert.equal(info.mode & 0o777, 0o600);
  });

  it('calls directory methods and returns their results', async () => {
    const client = await connectControlSocket(server.path);
    assert.ok(client);
    const record = await client.directory.addAccount('b@example.com', { password: 'pw', createDomain: true });
    assert.equal(record.address, 'b@example.com');
    assert.deepEqual(await client.directory.listAccounts(), [{ address: 'a@example.com', domain: 'example.com', quota: {}, createdAt: '2026-01-01T00:00:00.000Z' }]);
    await client.directory.setCatchAll('example.com', null);
    assert.equal(await client.directory.getAccount('x@example.com'), null);
    client.close();
    assert.deepEqual(calls, [
      ['addAccount', 'b@example.com', { password: 'pw', createDomain: true }],
      ['listAccounts', undefined],
      ['setCatchAll', 'example.com', null],
    ]);
  });

  it('keeps the stable code of directory errors', async () => {
    const client = await connectControlSocket(server.path);
    assert.ok(client);
    await assert.rejects(client.directory.removeDomain('nowhere.test'), (error) => isPosthouseError(error, 'DOMAIN_NOT_FOUND') && error.message === 'no domain nowhere.test');
    await assert.rejects(client.directory.removeAlias('x@example.com'), (error) => isPosthouseError(error, 'CONTROL_INTERNAL') && !error.message.includes('fire'));
    client.close();
  });

  it('answers malformed requests with precise errors and goes on serving', async () => {
    const replies = await exchange(
      server.path,
      [
        'not json',
        '[1]',
        '{"method":"listDomains"}',
        '{"id":1,"method":"authenticate","params":["a@example.com","pw"]}',
        '{"id":2,"method":"addAlias","params":["a@example.com","b@example.com"]}',
        '{"id":3,"method":"addAccount","params":["a@example.com",{"password":5}]}',
        '{"id":4,"method":"listDomains","params":[1]}',
        '{"id":5,"method":"toString"}',
        '{"id":"last","method":"listAliases"}',
      ].join('\n') + '\n',
      9,
    );
    const codes = replies.map((reply) => (reply as { error?: { code: string } }).error?.code ?? 'ok');
    assert.deepEqual(codes, [
      'CONTROL_REQUEST_INVALID',
      'CONTROL_REQUEST_INVALID',
      'CONTROL_REQUEST_INVALID',
      'CONTROL_METHOD_UNKNOWN',
      'CONTROL_REQUEST_INVALID',
      'CONTROL_REQUEST_INVALID',
      'CONTROL_REQUEST_INVALID',
      'CONTROL_METHOD_UNKNOWN',
      'ok',
    ]);
    assert.deepEqual(replies.at(-1), { id: 'last', result: [] });
  });

  it('still answers a client that shut its side right after sending', async () => {
    const slowThenFast = '{"id":1,"method":"getAccount","params":["a@example.com"]}\n{"id":2,"method":"listAliases"}\n';
    assert.deepEqual(await exchange(server.path, slowThenFast, 2, { endAfterWrite: true }), [
      { id: 1, result: null },
      { id: 2, result: [] },
    ]);
  });

  it('closes a connection whose request outgrows the bound', async () => {
    const replies = await exchange(server.path, `{"id":1,"method":"resolve","params":["${'a'.repeat(2000)}"]}\n`, 1);
    assert.deepEqual(replies, [{ id: null, error: { code: 'CONTROL_REQUEST_TOO_LARGE', message: 'request larger than 1024 bytes' } }]);
  });

  it('resolves null when no server answers, and replaces a stale socket file', async () => {
    const staleDir = await mkdtemp(join(tmpdir(), 'posthouse-stale-'));
    try {
      const path = controlSocketPath(staleDir);
      assert.equal(await connectControlSocket(path), null);
      await writeFile(path, 'left by a killed server');
      assert.equal(await connectControlSocket(path), null);
      const replacement = await startControlServer({ path, directory: fakeDirectory([]) });
      const client = await connectControlSocket(path);
      assert.ok(client);
      assert.deepEqual(await client.directory.listAliases(), []);
      client.close();
      await replacement.close();
      await assert.rejects(stat(path), { code: 'ENOENT' });
    } finally {
      await rm(staleDir, { recursive: true, force: true });
    }
  });

  it('refuses to start over a socket another server answers on', async () => {
    await assert.rejects(startControlServer({ path: server.path, directory: fakeDirectory([]) }), (error) => error instanceof ControlError && /another server/.test(error.message));
  });
});
