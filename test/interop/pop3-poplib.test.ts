import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { requireTool, runTool } from '../helpers/external-tool.js';
import { ALICE, startPop3, type Pop3Fixture } from '../access/pop3/fixture.js';

const script = fileURLToPath(new URL('./pop3_poplib_client.py', import.meta.url));
const FIRST = 'Subject: first\r\nFrom: a@example.test\r\n\r\n.leading dot\r\nline two\r\nline three\r\n';
const SECOND = 'Subject: second\r\n\r\nbody\r\n';

/** Runs the poplib script against a fixture holding two messages; resolves what it saw. */
async function runPoplib(pop3: Pop3Fixture, mode: 'plain' | 'stls'): Promise<Record<string, unknown>> {
  await requireTool('python3', 'python3');
  const run = await runTool('python3', [script, String(pop3.port), ALICE.address, ALICE.password, mode]);
  assert.equal(run.code, 0, run.stderr);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

describe("python3's poplib against the POP3 server", () => {
  let plain: Pop3Fixture;
  let secured: Pop3Fixture;
  let uids: number[];
  before(async () => {
    plain = await startPop3();
    secured = await startPop3({ tls: true, allowInsecureAuth: false });
    uids = [await plain.append(FIRST), await plain.append(SECOND)];
    await secured.append(FIRST);
    await secured.append(SECOND);
  });
  after(async () => {
    await plain?.close();
    await secured?.close();
  });

  it('logs in with USER/PASS, lists, retrieves, tops, deletes at QUIT and sees it gone', async () => {
    const seen = await runPoplib(plain, 'plain');
    const status = await plain.store.mailboxStatus(ALICE.address, 'INBOX');
    assert.deepEqual(seen['capa'], ['AUTH-RESP-CODE', 'CAPA', 'IMPLEMENTATION', 'PIPELINING', 'RESP-CODES', 'SASL', 'TOP', 'UIDL', 'USER']);
    assert.equal(seen['pass'], '+OK Logged in.');
    assert.deepEqual(seen['stat'], [2, FIRST.length + SECOND.length]);
    assert.deepEqual(seen['list'], [`1 ${FIRST.length}`, `2 ${SECOND.length}`]);
    assert.deepEqual(seen['uidl'], uids.map((uid, index) => `${index + 1} ${status!.uidValidity}.${uid}`));
    assert.deepEqual(seen['retr'], {
      response: `+OK ${FIRST.length} octets`,
      lines: ['Subject: first', 'From: a@example.test', '', '.leading dot', 'line two', 'line three'],
      // poplib counts the octets of the unstuffed lines with their line ends: the message as stored
      octets: FIRST.length,
    });
    assert.deepEqual(seen['top'], ['Subject: first', 'From: a@example.test', '', '.leading dot']);
    assert.equal(seen['dele'], '+OK Marked to be deleted.');
    assert.equal(seen['quit'], '+OK Logging out, messages deleted.');
    assert.deepEqual(seen['stat_after_quit'], [1, SECOND.length]);
    assert.deepEqual(seen['uidl_after_quit'], [`1 ${status!.uidValidity}.${uids[1]}`]);
  });

  it('upgrades with STLS (unverified context) before sending credentials', async () => {
    const seen = await runPoplib(secured, 'stls');
    assert.ok((seen['capa'] as string[]).includes('STLS'));
    assert.ok(!(seen['capa'] as string[]).includes('USER'));
    assert.equal(seen['stls'], '+OK Begin TLS negotiation now.');
    assert.ok((seen['capa_after_tls'] as string[]).includes('USER'));
    assert.equal(seen['pass'], '+OK Logged in.');
    assert.deepEqual(seen['stat_after_quit'], [1, SECOND.length]);
  });
});
