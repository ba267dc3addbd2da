import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../src/cli/run-cli.js';
import { createMailServer } from '../../src/server.js';
import { levelStore } from '../../src/store/index.js';
import { withRunningServer } from './running-server.js';

const cases = new URL('../../../shared/sieve/cases/', import.meta.url);

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, { env: {}, stdin: Readable.from([]), out: (text) => void (stdout += text), err: (text) => void (stderr += text) });
  return { code, stdout, stderr };
}

describe('posthouse rules (offline: check, explain)', () => {
  it('explain --json prints one object comparable with the shared case', async () => {
    const folder = new URL('29-imap4flags-fileinto-flags/', cases);
    const envelope = JSON.parse(await readFile(new URL('envelope.json', folder), 'utf8')) as { mail_from: string; rcpt_to: string };
    const expected = JSON.parse(await readFile(new URL('expected.json', folder), 'utf8')) as Record<string, unknown>;
    const result = await run('rules', 'explain', '--script', new URL('script.sieve', folder).pathname, '--message', new URL('message.eml', folder).pathname, '--from', envelope.mail_from, '--to', envelope.rcpt_to, '--json');
    assert.equal(result.code, 0, result.stderr);
    const lines = result.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 1, 'one JSON object on one line');
    const json = JSON.parse(lines[0]!) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['actions', 'diagnostics', 'implicit_keep', 'status', 'trace']);
    assert.equal(json['status'], expected['status']);
    assert.deepEqual(json['actions'], expected['actions']);
    assert.deepEqual(json['implicit_keep'], expected['implicit_keep']);
  });

  it('explain without --json prints the explanation for people; a compile error exits 1', async () => {
    const folder = new URL('29-imap4flags-fileinto-flags/', cases);
    const text = await run('rules', 'explain', '--script', new URL('script.sieve', folder).pathname, '--message', new URL('message.eml', folder).pathname, '--from', 'bob@example.org', '--to', 'alice@example.com');
    assert.equal(text.code, 0);
    assert.match(text.stdout, /Reports/);
    const dir = await mkdtemp(join(tmpdir(), 'posthouse-rules-cli-'));
    try {
      await writeFile(join(dir, 'bad.sieve'), 'require "fileinto";\nfileinto "x"\n');
      const checked = await run('rules', 'check', '--file', join(dir, 'bad.sieve'));
      assert.equal(checked.code, 1);
      assert.match(checked.stdout, /bad\.sieve: line \d+:\d+: /);
      await writeFile(join(dir, 'good.sieve'), 'keep;\n');
      assert.deepEqual(await run('rules', 'check', '--file', join(dir, 'good.sieve')), { code: 0, stdout: 'ok\n', stderr: '' });
      assert.equal((await run('rules', 'explain', '--script', join(dir, 'bad.sieve'), '--message', new URL('message.eml', folder).pathname, '--from', 'a@x', '--to', 'b@y', '--json')).code, 1);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('posthouse rules (on a data directory: set, list, get, activate, apply)', () => {
  let dir = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-rules-cli-'));
    const server = createMailServer({ store: levelStore({ path: join(dir, 'data') }), smtp: false });
    await server.listen();
    await server.directory.addAccount('alice@example.com', { createDomain: true });
    const message = (subject: string) => Buffer.from(`Return-Path: <bob@example.org>\r\nFrom: bob@example.org\r\nTo: alice@example.com\r\nSubject: ${subject}\r\n\r\nhi\r\n`);
    await server.store.append({ account: 'alice@example.com', mailbox: 'INBOX' }, message('invoice 1'));
    await server.store.append({ account: 'alice@example.com', mailbox: 'INBOX' }, message('lunch'));
    await server.store.append({ account: 'alice@example.com', mailbox: 'INBOX' }, message('spam offer'));
    await server.close();
    await writeFile(join(dir, 'main.sieve'), [
      'require ["fileinto", "imap4flags", "mailbox", "vacation"];',
      'if header :contains "subject" "invoice" { fileinto :create :flags "\\\\Flagged" "Invoices"; stop; }',
      'if header :contains "subject" "spam" { discard; stop; }',
      'vacation "away";',
      '',
    ].join('\n'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('set --activate, list, get, activate --none; a bad script is refused with its position', async () => {
    const data = join(dir, 'data');
    const stored = await run('rules', 'set', 'alice@example.com', 'main', '--file', join(dir, 'main.sieve'), '--activate', '--data', data);
    assert.equal(stored.code, 0, stored.stderr);
    assert.match(stored.stdout, /^stored script main for alice@example\.com \(\d+ octets, active\)\n$/);
    assert.match((await run('rules', 'list', 'alice@example.com', '--data', data)).stdout, /^\* main\t\d+\t/);
    assert.equal((await run('rules', 'get', 'alice@example.com', 'main', '--data', data)).stdout, await readFile(join(dir, 'main.sieve'), 'utf8'));
    await writeFile(join(dir, 'bad.sieve'), 'frobnicate;\n');
    const refused = await run('rules', 'set', 'alice@example.com', 'bad', '--file', join(dir, 'bad.sieve'), '--data', data);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^posthouse: Script "bad" does not compile: line 1:1: /);
    assert.equal((await run('rules', 'activate', 'alice@example.com', '--none', '--data', data)).stdout, 'no active script for alice@example.com\n');
    assert.equal((await run('rules', 'activate', 'alice@example.com', 'main', '--data', data)).stdout, 'activated main for alice@example.com\n');
  });

  it('apply --dry-run reports and changes nothing; apply moves, flags, and skips what must not run again', async () => {
    const data = join(dir, 'data');
    const dry = await run('rules', 'apply', '--account', 'alice@example.com', '--mailbox', 'INBOX', '--dry-run', '--data', data);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^would move uid 1 to Invoices\n/m);
    const real = await run('rules', 'apply', '--account', 'alice@example.com', '--mailbox', 'INBOX', '--data', data);
    assert.equal(real.stdout, [
      'moved uid 1 to Invoices',
      'flagged uid 1 \\flagged',
      'skipped uid 2: vacation (not re-executed on stored mail)',
      'skipped uid 3: discard (not re-executed on stored mail)',
      '3 messages examined in INBOX: 1 moved, 1 flagged, 2 actions skipped',
      '',
    ].join('\n'));
    const server = createMailServer({ store: levelStore({ path: data }), smtp: false });
    await server.listen();
    try {
      const invoices = await server.store.listMessages('alice@example.com', 'Invoices');
      assert.deepEqual(invoices.map((message) => message.flags), [['\\Flagged']]);
      assert.equal((await server.store.listMessages('alice@example.com', 'INBOX')).length, 2);
      assert.deepEqual(await server.queue.list(), [], 'no vacation sent for old mail');
    } finally {
      await server.close();
    }
  });
});

describe('posthouse rules through the control socket of a running server', () => {
  it('set and list reach the running server; an unknown account is one line on stderr', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'posthouse-rules-sock-'));
    try {
      await withRunningServer(join(dir, 'data'), async (server) => {
        await server.directory.addAccount('carol@example.com', { createDomain: true });
        await writeFile(join(dir, 's.sieve'), 'require "fileinto";\nfileinto "Archive";\n');
        const stored = await run('rules', 'set', 'carol@example.com', 'main', '--file', join(dir, 's.sieve'), '--activate', '--data', join(dir, 'data'));
        assert.equal(stored.code, 0, stored.stderr);
        assert.deepEqual((await server.rules!.list('carol@example.com')).map((script) => [script.name, script.active]), [['main', true]]);
        const missing = await run('rules', 'list', 'nobody@example.com', '--data', join(dir, 'data'));
        assert.deepEqual([missing.code, missing.stderr], [1, 'posthouse: no account nobody@example.com\n']);
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
