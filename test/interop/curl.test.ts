import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { requireTool, runTool } from '../helpers/external-tool.js';
import { startMailServer, type RunningServer } from '../helpers/mail-server.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

describe('curl smtp:// against the whole server', () => {
  let running: RunningServer;
  let workDirectory: string;

  before(async () => {
    running = await startMailServer('memory');
    await running.server.directory.addAccount('alice@example.test', { createDomain: true });
    await running.server.directory.addAccount('bob@example.test');
    workDirectory = await mkdtemp(path.join(tmpdir(), 'posthouse-curl-'));
  });
  after(async () => {
    await running?.close();
    if (workDirectory) await rm(workDirectory, { recursive: true, force: true });
  });

  async function curl(message: Buffer, recipients: string[]) {
    await requireTool('curl', 'curl');
    const file = path.join(workDirectory, 'message.eml');
    await writeFile(file, message);
    const rcpt = recipients.flatMap((recipient) => ['--mail-rcpt', recipient]);
    return runTool('curl', ['--silent', '--show-error', '--verbose', `smtp://127.0.0.1:${running.port}/curl.test`, '--mail-from', 'curl@client.test', ...rcpt, '--upload-file', file]);
  }

  it('finds curl installed (a missing peer fails, never skips)', async () => {
    await requireTool('curl', 'curl');
  });

  it('uploads a file to two recipients, stored byte for byte as one blob', async () => {
    const message = Buffer.from('From: curl@client.test\r\nTo: alice@example.test, bob@example.test\r\nSubject: curl upload\r\n\r\nfirst\r\n.dot-stuffed by curl\r\n.\r\nlast\r\n');
    const run = await curl(message, ['alice@example.test', 'bob@example.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /> MAIL FROM:<curl@client\.test>/);
    assert.match(run.stderr, /< 250 2\.0\.0 Ok: queued as [0-9A-F]{16}/);
    const [alice] = await storedCopies(running.server.store, 'alice@example.test');
    const [bob] = await storedCopies(running.server.store, 'bob@example.test');
    assert.ok(withoutTraceHeaders(alice!.raw).equals(message), withoutTraceHeaders(alice!.raw).toString());
    assert.equal(alice!.message.blobId, bob!.message.blobId);
    assert.match(alice!.raw.toString('latin1'), /^Return-Path: <curl@client\.test>\r\nReceived: from curl\.test \(\[127\.0\.0\.1\]\)\r\n/);
  });

  it('reports the 550 5.1.1 of a refused recipient and stores nothing', async () => {
    const run = await curl(Buffer.from('Subject: refused\r\n\r\nbody\r\n'), ['nobody@example.test']);
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /< 550 5\.1\.1 Mailbox unavailable: no such user here/);
    assert.equal((await storedCopies(running.server.store, 'alice@example.test')).length, 1);
  });
});
