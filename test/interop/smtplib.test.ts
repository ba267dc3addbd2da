import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { DeliveredEvent } from '../../src/interfaces/events.js';
import { requireTool, runTool } from '../helpers/external-tool.js';
import { startMailServer, type RunningServer } from '../helpers/mail-server.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

const client = fileURLToPath(new URL('./smtplib_client.py', import.meta.url));

describe("python3's smtplib against the whole server", () => {
  let running: RunningServer;
  const delivered: DeliveredEvent[] = [];

  before(async () => {
    running = await startMailServer('memory');
    await running.server.directory.addAccount('alice@example.test', { createDomain: true });
    await running.server.directory.addAccount('ñandú@example.test');
    running.server.on('delivered', (event) => delivered.push(event));
  });
  after(() => running?.close());

  /** Runs one scenario of the Python client and parses the JSON it prints. */
  async function smtplib(scenario: string): Promise<Record<string, unknown>> {
    await requireTool('python3', 'python3');
    const run = await runTool('python3', [client, String(running.port), scenario]);
    assert.equal(run.code, 0, run.stderr);
    return JSON.parse(run.stdout) as Record<string, unknown>;
  }

  it('finds python3 installed (a missing peer fails, never skips)', async () => {
    await requireTool('python3', 'python3');
  });

  it('delivers with send_message, byte for byte', async () => {
    const result = await smtplib('send_message');
    assert.deepEqual(result.refused, {});
    const sent = Buffer.from(result.sent as string, 'base64');
    const [copy] = await storedCopies(running.server.store, 'alice@example.test');
    assert.ok(withoutTraceHeaders(copy!.raw).equals(sent), withoutTraceHeaders(copy!.raw).toString());
    assert.match(copy!.raw.toString('latin1'), /^Return-Path: <python@client\.test>\r\nReceived: from python\.test /);
  });

  it('delivers to an SMTPUTF8 address, byte for byte', async () => {
    const result = await smtplib('smtputf8');
    assert.deepEqual(result.refused, {});
    const sent = Buffer.from(result.sent as string, 'base64');
    const [copy] = await storedCopies(running.server.store, 'ñandú@example.test');
    assert.ok(withoutTraceHeaders(copy!.raw).equals(sent), withoutTraceHeaders(copy!.raw).toString());
    const raw = copy!.raw.toString('utf8');
    assert.match(raw, /^Return-Path: <jöran@client\.test>\r\n/);
    assert.match(raw, /\tby mx\.posthouse\.test with [A-Z0-9]+ id [0-9A-F]{16}\r\n\tfor <ñandú@example\.test>; /);
    assert.ok(delivered.some((event) => event.recipient === 'ñandú@example.test' && event.account === 'ñandú@example.test' && event.mailFrom === 'jöran@client.test'));
  });

  it('raises SMTPRecipientsRefused with 550 and 5.1.1 for an unknown recipient', async () => {
    const result = await smtplib('refused');
    assert.equal(result.exception, 'SMTPRecipientsRefused');
    assert.deepEqual(result.recipients, { 'nobody@example.test': [550, '5.1.1 Mailbox unavailable: no such user here'] });
  });
});
