import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
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

const message = Buffer.from('Subject: queued\r\n\r\nbody\r\n');

/** A data directory with two queued messages; the server that wrote them is closed again (nothing was sent: no sender option). */
async function dataWithQueue(): Promise<{ dir: string; ids: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'posthouse-queue-cli-'));
  const server = createMailServer({ store: levelStore({ path: dir }), smtp: false });
  await server.listen();
  const first = await server.queue.enqueue({ mailFrom: 'a@here.test', rcptTo: ['b@remote.test'], source: message, reason: 'submission' });
  const second = await server.queue.enqueue({ mailFrom: '', rcptTo: ['c@remote.test'], source: message, reason: 'vacation' });
  await server.close();
  return { dir, ids: [first.id, second.id] };
}

test('posthouse queue on the data directory: list, show, hold, release, retry, delete, with and without --json', async () => {
  const { dir, ids } = await dataWithQueue();
  try {
    const listed = await run('queue', 'list', '--data', dir, '--json');
    assert.equal(listed.code, 0, listed.stderr);
    assert.deepEqual((JSON.parse(listed.stdout) as Array<{ id: string; rcptTo: string[] }>).map((entry) => [entry.id, entry.rcptTo]), [[ids[0], ['b@remote.test']], [ids[1], ['c@remote.test']]]);
    const text = await run('queue', 'list', '--data', dir);
    assert.match(text.stdout, new RegExp(`^${ids[0]}  \\d+  \\S+  <a@here.test>  submission  1 queued  next `, 'm'));
    const shown = await run('queue', 'show', ids[0]!, '--data', dir);
    assert.match(shown.stdout, /^recipient: b@remote\.test queued, 0 attempts, next /m);
    assert.equal((await run('queue', 'hold', ids[0]!, '--data', dir)).stdout, `held ${ids[0]}\n`);
    assert.equal(JSON.parse((await run('queue', 'show', ids[0]!, '--data', dir, '--json')).stdout).held, true);
    assert.equal(JSON.parse((await run('queue', 'release', ids[0]!, '--data', dir, '--json')).stdout).held, false);
    assert.equal((await run('queue', 'retry', ids[0]!, '--data', dir)).code, 0);
    assert.equal((await run('queue', 'delete', ids[1]!, '--data', dir)).stdout, `deleted ${ids[1]}\n`);
    assert.deepEqual((JSON.parse((await run('queue', 'list', '--data', dir, '--json')).stdout) as Array<{ id: string }>).map((entry) => entry.id), [ids[0]]);
    const missing = await run('queue', 'show', 'ffff', '--data', dir);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /No queued message "ffff"/);
    assert.equal((await run('queue', 'hold', '--data', dir)).code, 2, 'ID is required');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('posthouse queue through the control socket of a running server', async () => {
  const { dir, ids } = await dataWithQueue();
  try {
    await withRunningServer(dir, async (server) => {
      assert.equal((await run('queue', 'hold', ids[0]!, '--data', dir)).code, 0);
      assert.equal((await server.queue.show(ids[0]!)).held, true, 'the running server made the change');
      assert.equal((await run('queue', 'delete', ids[1]!, '--data', dir)).code, 0);
      assert.deepEqual((await server.queue.list()).map((entry) => entry.id), [ids[0]]);
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('serve flags of the sender: --resolver, --remote-smtp-port, --smarthost with its credentials', async () => {
  const { resolveServeSettings } = await import('../../src/cli/serve-settings.js');
  const settings = resolveServeSettings({ resolver: '127.0.0.1:5353', 'remote-smtp-port': '2526', smarthost: 'relay.test:587', 'smarthost-user': 'u' }, { POSTHOUSE_SMARTHOST_PASS: 'p' }, null);
  assert.deepEqual([settings.resolver, settings.remoteSmtpPort, settings.smarthost], ['127.0.0.1:5353', 2526, { host: 'relay.test', port: 587, auth: { user: 'u', pass: 'p' } }]);
  const none = resolveServeSettings({}, {}, null);
  assert.deepEqual([none.resolver, none.remoteSmtpPort, none.smarthost], [undefined, undefined, null]);
  assert.throws(() => resolveServeSettings({ resolver: '127.0.0.1' }, {}, null), /--resolver must be HOST:PORT/);
  assert.throws(() => resolveServeSettings({ smarthost: 'relay.test:99999' }, {}, null), /port number/);
  assert.throws(() => resolveServeSettings({ smarthost: 'relay.test:25', 'smarthost-user': 'u' }, {}, null), /go together/);
});
