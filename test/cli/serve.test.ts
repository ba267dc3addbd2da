import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { levelStore } from '../../src/store/index.js';
import { runPosthouse, startServe, type RunningServe } from './spawn-cli.js';

async function send(port: number | null, to: string, subject: string, auth?: { user: string; pass: string }): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: port ?? 0, secure: false, ignoreTLS: true, ...(auth ? { auth } : {}) });
  try {
    await transport.sendMail({ from: 'sender@outside.test', to, subject, text: `body of ${subject}` });
  } finally {
    transport.close();
  }
}

/** The subjects in an account's INBOX, read from the (stopped) server's data directory. */
async function inboxSubjects(dataDir: string, account: string): Promise<string[]> {
  const store = levelStore({ path: dataDir });
  await store.open();
  try {
    const messages = await store.listMessages(account, 'INBOX');
    return messages.map((message) => message.summary?.subject ?? '(no summary)');
  } finally {
    await store.close();
  }
}

describe('posthouse serve with admin commands over the control socket', () => {
  let dir: string;
  let data: string;
  let serve: RunningServe;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-cli-'));
    data = join(dir, 'data');
    serve = await startServe(['--data', data, '--smtp-port', '0', '--allow-insecure-auth', '--log-level', 'warn']);
  });
  after(async () => {
    if (serve.child.exitCode === null) await serve.stop('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('prints one line for the data directory and one per listener', () => {
    const lines = serve.stdout().trimEnd().split('\n');
    assert.equal(lines[0], `posthouse: data directory ${data}`);
    assert.equal(lines[1], `posthouse: SMTP listening on 127.0.0.1:${serve.smtpPort}`);
    for (const line of lines.slice(2)) assert.match(line, /^posthouse: [A-Za-z0-9]+ listening on 127\.0\.0\.1:[1-9][0-9]*$/);
    assert.ok(serve.smtpPort !== null && serve.smtpPort > 0);
  });

  it('listens on DIR/control.sock, owner-only', async () => {
    const info = await stat(join(data, 'control.sock'));
    assert.ok(info.isSocket());
    assert.equal(info.mode & 0o777, 0o600);
  });

  it('refuses a second serve on the same data directory with one clear line and exit 1', async () => {
    const second = await runPosthouse(['serve', '--data', data, '--smtp-port', '0']);
    assert.deepEqual(second, { code: 1, stdout: '', stderr: `posthouse: the data directory ${data} is in use by another posthouse process\n` });
  });

  it('adds accounts and an alias while the server runs, and mail reaches them', async () => {
    for (const address of ['alice@example.com', 'bob@example.com']) {
      const added = await runPosthouse(['accounts', 'add', address, '--password', 'first', '--data', data]);
      assert.deepEqual(added, { code: 0, stdout: `added account ${address}\n`, stderr: '' });
    }
    const alias = await runPosthouse(['aliases', 'add', 'team@example.com', 'alice@example.com,bob@example.com', '--data', data]);
    assert.deepEqual(alias, { code: 0, stdout: 'added alias team@example.com -> alice@example.com, bob@example.com\n', stderr: '' });
    const listed = await runPosthouse(['accounts', 'list', '--data', data]);
    assert.equal(listed.stdout, 'alice@example.com\nbob@example.com\n');
    assert.equal((await runPosthouse(['aliases', 'list', '--data', data])).stdout, 'team@example.com -> alice@example.com, bob@example.com\n');
    assert.equal((await runPosthouse(['domains', 'list', '--data', data])).stdout, 'example.com\n');
    await send(serve.smtpPort, 'alice@example.com', 'direct');
    await send(serve.smtpPort, 'team@example.com', 'to the team');
  });

  it('changes a password through stdin, and SMTP AUTH takes the new one', async () => {
    const changed = await runPosthouse(['accounts', 'passwd', 'alice@example.com', '--password', '-', '--data', data], { stdin: 'n3w pass\n' });
    assert.deepEqual(changed, { code: 0, stdout: 'changed the password of alice@example.com\n', stderr: '' });
    await assert.rejects(send(serve.smtpPort, 'bob@example.com', 'old password', { user: 'alice@example.com', pass: 'first' }), /535|Invalid login/i);
    await send(serve.smtpPort, 'bob@example.com', 'new password', { user: 'alice@example.com', pass: 'n3w pass' });
  });

  it('reports directory errors in one line with exit 1', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['accounts', 'add', 'alice@example.com', '--data', data], /^posthouse: .*alice@example\.com.*\n$/],
      [['accounts', 'add', 'not an address', '--data', data], /^posthouse: .+\n$/],
      [['domains', 'remove', 'nowhere.test', '--data', data], /^posthouse: .*nowhere\.test.*\n$/],
      [['aliases', 'remove', 'nobody@example.com', '--data', data], /^posthouse: .*nobody@example\.com.*\n$/],
    ];
    for (const [args, message] of cases) {
      const result = await runPosthouse(args);
      assert.equal(result.code, 1, args.join(' '));
      assert.equal(result.stdout, '');
      assert.match(result.stderr, message);
    }
  });

  it('stops on SIGTERM with exit 0, removes its socket, and leaves a store that reopens with the mail', async () => {
    const stopped = await serve.stop('SIGTERM');
    assert.equal(stopped.code, 0, stopped.stderr);
    await assert.rejects(stat(join(data, 'control.sock')), { code: 'ENOENT' });
    assert.deepEqual(await inboxSubjects(data, 'alice@example.com'), ['direct', 'to the team']);
    assert.deepEqual(await inboxSubjects(data, 'bob@example.com'), ['to the team', 'new password']);
  });

  it('then runs admin commands on the store itself', async () => {
    assert.deepEqual(await runPosthouse(['accounts', 'remove', 'bob@example.com', '--data', data]), { code: 0, stdout: 'removed account bob@example.com\n', stderr: '' });
    assert.deepEqual(await runPosthouse(['accounts', 'list', '--domain', 'example.com', '--data', data]), { code: 0, stdout: 'alice@example.com\n', stderr: '' });
  });
});

describe('posthouse serve: lifecycle and settings', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'posthouse-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces a stale control socket file and stops on SIGINT with exit 0', async () => {
    const data = join(dir, 'stale');
    assert.equal((await runPosthouse(['domains', 'add', 'example.org', '--catch-all', 'all@example.org', '--data', data])).code, 0);
    await writeFile(join(data, 'control.sock'), 'left by a killed server');
    const serve = await startServe(['--data', data, '--smtp-port', '0', '--log-level', 'silent']);
    const info = await stat(join(data, 'control.sock'));
    assert.ok(info.isSocket());
    assert.equal((await runPosthouse(['domains', 'list', '--data', data])).stdout, 'example.org (catch-all: all@example.org)\n');
    const stopped = await serve.stop('SIGINT');
    assert.deepEqual(stopped, { code: 0, stdout: serve.stdout(), stderr: '' });
  });

  it('takes the port from the flag over the environment over the config file', async () => {
    const configPath = join(dir, 'posthouse.json');
    await writeFile(configPath, JSON.stringify({ data: 'from-config', smtpPort: 1, logLevel: 'silent' }));
    // Port 1 from the config and 2 from the environment are never what the server gets: the
    // winning source says 0 (a free port), so the line printed shows a port above them.
    const fromEnv = await startServe(['--config', configPath], { env: { POSTHOUSE_SMTP_PORT: '0' } });
    assert.match(fromEnv.stdout(), new RegExp(`^posthouse: data directory ${join(dir, 'from-config')}\n`));
    assert.ok(fromEnv.smtpPort !== null && fromEnv.smtpPort > 2);
    assert.equal((await fromEnv.stop()).code, 0);
    const fromFlag = await startServe(['--smtp-port', '0', '--data', join(dir, 'flag-data')], { env: { POSTHOUSE_SMTP_PORT: '2', POSTHOUSE_CONFIG: configPath } });
    assert.match(fromFlag.stdout(), new RegExp(`^posthouse: data directory ${join(dir, 'flag-data')}\n`));
    assert.ok(fromFlag.smtpPort !== null && fromFlag.smtpPort > 2);
    assert.equal((await fromFlag.stop()).code, 0);
  });

  it('rejects a bad config value or environment variable with exit 2', async () => {
    const configPath = join(dir, 'bad.json');
    await writeFile(configPath, JSON.stringify({ smtpPort: 'twenty-five' }));
    const bad = await runPosthouse(['serve', '--config', configPath]);
    assert.deepEqual(bad, { code: 2, stdout: '', stderr: `posthouse: config file ${configPath}: smtpPort must be a port number (0-65535), got "twenty-five" (see posthouse serve --help)\n` });
    const badEnv = await runPosthouse(['serve'], { env: { POSTHOUSE_SMTP_PORT: 'x' } });
    assert.equal(badEnv.code, 2);
    assert.match(badEnv.stderr, /^posthouse: POSTHOUSE_SMTP_PORT must be a port number/);
  });

  it('runs without SMTP on --no-smtp and prints no SMTP line', async () => {
    const data = join(dir, 'no-smtp');
    const serve = await startServe(['--no-smtp', '--data', data, '--log-level', 'silent'], { waitFor: /data directory/ });
    assert.equal(serve.smtpPort, null);
    const stopped = await serve.stop();
    assert.equal(stopped.code, 0);
    assert.equal(stopped.stderr, '');
    assert.ok(stopped.stdout.startsWith(`posthouse: data directory ${data}\n`));
    assert.doesNotMatch(stopped.stdout, /SMTP listening/);
  });

  it('offers STARTTLS with --dev-tls', async () => {
    const data = join(dir, 'dev-tls');
    assert.equal((await runPosthouse(['accounts', 'add', 'carol@example.net', '--data', data])).code, 0);
    const serve = await startServe(['--dev-tls', '--hostname', 'mx.example.net', '--smtp-port', '0', '--data', data, '--log-level', 'silent']);
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: serve.smtpPort ?? 0, secure: false, requireTLS: true, tls: { rejectUnauthorized: false } });
    try {
      const info = await transport.sendMail({ from: 'sender@outside.test', to: 'carol@example.net', subject: 'over TLS', text: 'secret' });
      assert.deepEqual(info.accepted, ['carol@example.net']);
    } finally {
      transport.close();
      assert.equal((await serve.stop()).code, 0);
    }
    assert.deepEqual(await inboxSubjects(data, 'carol@example.net'), ['over TLS']);
  });

  it('fails in one line with exit 1 when a TLS file is missing or the port is taken', async () => {
    const missing = join(dir, 'missing-key.pem');
    const noKey = await runPosthouse(['serve', '--tls-key', missing, '--tls-cert', missing, '--data', join(dir, 'tls'), '--smtp-port', '0']);
    assert.deepEqual(noKey, { code: 1, stdout: '', stderr: `posthouse: cannot read --tls-key file ${missing}: ENOENT\n` });
    const occupant = createServer();
    await new Promise<void>((resolve) => occupant.listen(0, '127.0.0.1', resolve));
    const port = (occupant.address() as AddressInfo).port;
    try {
      const taken = await runPosthouse(['serve', '--smtp-port', String(port), '--data', join(dir, 'taken'), '--log-level', 'silent']);
      assert.deepEqual(taken, { code: 1, stdout: '', stderr: `posthouse: cannot listen on 127.0.0.1:${port}: the port is in use\n` });
    } finally {
      occupant.close();
    }
  });

  it('exits 2 on a bad flag, with help output on --help', async () => {
    const bad = await runPosthouse(['serve', '--smtp-prot', '25']);
    assert.deepEqual(bad, { code: 2, stdout: '', stderr: "posthouse: unknown option '--smtp-prot' (see posthouse serve --help)\n" });
    const help = await runPosthouse(['accounts', 'add', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: posthouse accounts add ADDRESS/);
  });
});
