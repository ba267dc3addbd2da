import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from '../../src/testing/test-server.js';
import { requireTool, runTool } from '../helpers/external-tool.js';

describe('fetchmail (Debian) retrieving over IMAP', () => {
  let mail: TestServer;
  let folder: string;
  before(async () => {
    mail = await startTestServer();
    folder = await mkdtemp(join(tmpdir(), 'posthouse-fetchmail-'));
  });
  after(async () => {
    await mail.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('fetches every message delivered over SMTP into an mda, keeps them on the server and marks them \\Seen', async () => {
    await requireTool('fetchmail', 'fetchmail');
    const { user, pass } = await mail.login('fm@example.test');
    const transport = nodemailer.createTransport({ host: mail.smtp.host, port: mail.smtp.port, secure: false, ignoreTLS: true });
    for (const subject of ['first by fetchmail', 'second by fetchmail']) await transport.sendMail({ from: 'sender@example.test', to: user, subject, text: `body of ${subject}` });
    transport.close();

    const delivered = join(folder, 'delivered.txt');
    const rcfile = join(folder, 'fetchmailrc');
    await writeFile(rcfile, `poll ${mail.imap.host} service ${mail.imap.port} protocol IMAP auth password\n  user "${user}" password "${pass}" is "nobody" here\n  keep fetchall sslproto ''\n  mda "cat >> ${delivered}"\n`);
    await chmod(rcfile, 0o600);
    const run = await runTool('fetchmail', ['--fetchmailrc', rcfile, '--nodetach', '--nosyslog', '--pidfile', join(folder, 'pid'), '--idfile', join(folder, 'ids')], { timeoutMs: 60_000 });
    assert.ok(run.code === 0, `fetchmail exited ${run.code}: ${run.stderr}${run.stdout}`);
    const text = await readFile(delivered, 'utf8');
    assert.match(text, /Subject: first by fetchmail/);
    assert.match(text, /body of second by fetchmail/);
    const stored = await mail.server.store.listMessages(user, 'INBOX');
    assert.equal(stored.length, 2);
    assert.deepEqual(stored.map((message) => message.flags.includes('\\Seen')), [true, true]);
  });
});
