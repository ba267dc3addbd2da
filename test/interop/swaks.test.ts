import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { requireTool, runTool } from '../helpers/external-tool.js';
import { startMailServer, type RunningServer } from '../helpers/mail-server.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

/** A message with a leading-dot line (dot-stuffing), 8-bit text and a folded header. */
function messageFor(subject: string): Buffer {
  return Buffer.from(`From: Sender <sender@client.test>\r\nTo: alice@example.test\r\nSubject: ${subject}\r\nX-Folded: one\r\n two\r\n\r\nGrüße\r\n.leading dot\r\n..two dots\r\nlast line\r\n`, 'utf8');
}

describe('swaks against the whole server', () => {
  let running: RunningServer;
  let workDirectory: string;

  before(async () => {
    running = await startMailServer('memory', { tls: await generateDevCertificate('localhost') });
    await running.server.directory.addAccount('alice@example.test', { createDomain: true, password: 'correct horse' });
    workDirectory = await mkdtemp(path.join(tmpdir(), 'posthouse-swaks-'));
  });
  after(async () => {
    await running?.close();
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  });

  /** Runs swaks with the message in a file; resolves its exit code and everything it printed. */
  async function swaks(subject: string, extra: string[], to = 'alice@example.test') {
    await requireTool('swaks', 'swaks');
    const file = path.join(workDirectory, `${subject.replace(/\W+/g, '-')}.eml`);
    const message = messageFor(subject);
    // swaks ends DATA with CRLF.CRLF after the file, whatever its last line: give it no final CRLF
    await writeFile(file, message.subarray(0, -2));
    const run = await runTool('swaks', ['--server', '127.0.0.1', '--port', String(running.port), '--helo', 'swaks.test', '--from', 'sender@client.test', '--to', to, '--data', `@${file}`, ...extra]);
    return { ...run, output: run.stdout + run.stderr, message };
  }

  /** The one stored copy with `subject`, checked byte for byte against what swaks was given. */
  async function assertStored(subject: string, message: Buffer): Promise<Buffer> {
    const copies = (await storedCopies(running.server.store, 'alice@example.test')).filter((copy) => copy.raw.includes(`Subject: ${subject}\r\n`));
    assert.equal(copies.length, 1);
    assert.ok(withoutTraceHeaders(copies[0]!.raw).equals(message), `stored:\n${withoutTraceHeaders(copies[0]!.raw).toString()}`);
    return copies[0]!.raw;
  }

  it('finds swaks installed (a missing peer fails, never skips)', async () => {
    await requireTool('swaks', 'swaks');
  });

  it('delivers a message over plain SMTP, byte for byte', async () => {
    const run = await swaks('plain swaks', []);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /<- {2}250 2\.0\.0 Ok: queued as [0-9A-F]{16}/);
    const raw = await assertStored('plain swaks', run.message);
    assert.match(raw.toString('latin1'), /^Return-Path: <sender@client\.test>\r\nReceived: from swaks\.test \(\[127\.0\.0\.1\]\)\r\n\tby mx\.posthouse\.test with ESMTP /);
  });

  it('delivers with PIPELINING', async () => {
    const run = await swaks('pipelined swaks', ['--pipeline']);
    assert.equal(run.code, 0, run.output);
    // the three commands go out together, before the first reply comes back
    assert.match(run.output, / -> MAIL FROM:<sender@client\.test>\n -> RCPT TO:<alice@example\.test>\n -> DATA\n<- {2}250 2\.1\.0 /);
    await assertStored('pipelined swaks', run.message);
  });

  it('delivers over STARTTLS', async () => {
    const run = await swaks('tls swaks', ['--tls']);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /TLS started/);
    const raw = await assertStored('tls swaks', run.message);
    assert.match(raw.toString('latin1'), /\tby mx\.posthouse\.test with ESMTPS /);
  });

  it('authenticates with AUTH PLAIN over TLS', async () => {
    const run = await swaks('auth swaks', ['--tls', '--auth', 'PLAIN', '--auth-user', 'alice@example.test', '--auth-password', 'correct horse']);
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /<~ {2}235 2\.7\.0 Authentication successful/);
    const raw = await assertStored('auth swaks', run.message);
    assert.match(raw.toString('latin1'), /\tby mx\.posthouse\.test with ESMTPSA /);
  });

  it('is refused AUTH PLAIN with a wrong password', async () => {
    const run = await swaks('bad auth swaks', ['--tls', '--auth', 'PLAIN', '--auth-user', 'alice@example.test', '--auth-password', 'wrong']);
    assert.notEqual(run.code, 0);
    assert.match(run.output, /<~\* {1}535 5\.7\.8 Authentication credentials invalid/);
  });

  it('shows 550 5.1.1 for a refused recipient', async () => {
    const run = await swaks('refused swaks', [], 'nobody@example.test');
    assert.notEqual(run.code, 0);
    assert.match(run.output, /<\*\* 550 5\.1\.1 Mailbox unavailable: no such user here/);
  });
});
