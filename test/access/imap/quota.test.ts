import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture, type ScriptedClient } from './helpers.js';

// 2,000 octets: 2 KiB once rounded up.
const MESSAGE = Buffer.from(`Subject: q\r\n\r\n${'x'.repeat(2000 - 16)}\r\n`);

describe('QUOTA (RFC 9208)', () => {
  let fixture: ImapFixture;
  let client: ScriptedClient;
  beforeEach(async () => {
    fixture = await imapFixture();
    await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, MESSAGE);
    await fixture.store.createMailbox(ALICE, 'Keep');
    client = await fixture.login();
  });
  afterEach(() => fixture.close());

  it('advertises QUOTA and its two resources once authenticated', async () => {
    const [capabilities] = await client.command('CAPABILITY');
    assert.match(capabilities!, / QUOTA QUOTA=RES-STORAGE QUOTA=RES-MESSAGE( |$)/);
    assert.doesNotMatch(capabilities!, /QUOTASET/);
  });
  it('answers GETQUOTAROOT and GETQUOTA with the limited resources', async () => {
    await fixture.store.setQuota(ALICE, { maxBytes: 10 * 1024, maxMessages: 3 });
    assert.deepEqual(await client.command('GETQUOTAROOT INBOX', 'a'), ['* QUOTAROOT "INBOX" ""', '* QUOTA "" (STORAGE 2 10 MESSAGE 1 3)', 'a OK GETQUOTAROOT completed']);
    assert.deepEqual(await client.command('GETQUOTA ""', 'b'), ['* QUOTA "" (STORAGE 2 10 MESSAGE 1 3)', 'b OK GETQUOTA completed']);
    await fixture.store.setQuota(ALICE, { maxMessages: 5 });
    assert.deepEqual(await client.command('GETQUOTAROOT Keep', 'c'), ['* QUOTAROOT "Keep" ""', '* QUOTA "" (MESSAGE 1 5)', 'c OK GETQUOTAROOT completed']);
  });
  it('has no quota root for an unlimited account, and none but ""', async () => {
    assert.deepEqual(await client.command('GETQUOTAROOT INBOX', 'a'), ['* QUOTAROOT "INBOX"', 'a OK GETQUOTAROOT completed']);
    assert.deepEqual(await client.command('GETQUOTA ""', 'b'), ['b NO [NONEXISTENT] No such quota root']);
    await fixture.store.setQuota(ALICE, { maxMessages: 5 });
    assert.deepEqual(await client.command('GETQUOTA other', 'c'), ['c NO [NONEXISTENT] No such quota root']);
    assert.deepEqual(await client.command('GETQUOTAROOT Nowhere', 'd'), ['d NO [NONEXISTENT] Mailbox does not exist: Nowhere']);
  });
  it('refuses SETQUOTA to users with NOPERM, malformed ones with BAD', async () => {
    assert.deepEqual(await client.command('SETQUOTA "" (STORAGE 512)', 'a'), ['a NO [NOPERM] Quotas are set by the administrator']);
    assert.match((await client.command('SETQUOTA ""', 'b')).at(-1)!, /^b BAD /);
    assert.deepEqual((await fixture.store.quotaUsage(ALICE)).limits, {});
  });
  it('answers APPEND and COPY over quota with NO [OVERQUOTA]', async () => {
    await fixture.store.setQuota(ALICE, { maxMessages: 1 });
    client.send(`a APPEND INBOX {${MESSAGE.length}+}\r\n`);
    client.send(MESSAGE);
    client.send('\r\n');
    assert.deepEqual(await client.until('a'), ['a NO [OVERQUOTA] Over quota']);
    await client.command('SELECT INBOX');
    assert.match((await client.command('COPY 1 Keep', 'b')).at(-1)!, /^b NO \[OVERQUOTA\] /);
    assert.match((await client.command('MOVE 1 Keep', 'c')).at(-1)!, /^c OK /);
    assert.equal((await fixture.store.quotaUsage(ALICE)).messages, 1);
  });
  it('reports DELETED-STORAGE in STATUS, in KiB', async () => {
    await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, MESSAGE);
    await client.command('SELECT INBOX');
    await client.command('STORE 1:2 +FLAGS.SILENT (\\Deleted)');
    assert.deepEqual(await client.command('STATUS Keep (DELETED DELETED-STORAGE)', 'a'), ['* STATUS "Keep" (DELETED 0 DELETED-STORAGE 0)', 'a OK STATUS completed']);
    await client.command('UNSELECT');
    assert.deepEqual((await client.command('STATUS INBOX (DELETED-STORAGE DELETED)', 'b'))[0], '* STATUS "INBOX" (DELETED-STORAGE 4 DELETED 2)');
  });
});
