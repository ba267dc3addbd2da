import assert from 'node:assert/strict';
import { after, beforeEach, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture, type ScriptedClient } from './helpers.js';

const MESSAGE = Buffer.from('Subject: s\r\n\r\nbody\r\n');

describe('STORE, COPY and MOVE', () => {
  let fixture: ImapFixture;
  let client: ScriptedClient;
  beforeEach(async () => {
    await fixture?.close();
    fixture = await imapFixture();
    for (let index = 0; index < 3; index++) await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, MESSAGE);
    await fixture.store.createMailbox(ALICE, 'Keep');
    client = await fixture.login();
    await client.command('SELECT INBOX');
  });
  after(() => fixture.close());

  it('adds, removes and replaces flags, reporting each message', async () => {
    assert.deepEqual((await client.command('STORE 1:2 +FLAGS (\\Flagged $Work)')).slice(0, 2), ['* 1 FETCH (FLAGS (\\Flagged $Work))', '* 2 FETCH (FLAGS (\\Flagged $Work))']);
    assert.deepEqual((await client.command('UID STORE 2 -FLAGS \\Flagged')).slice(0, 1), ['* 2 FETCH (UID 2 FLAGS ($Work))']);
    const silent = await client.command('STORE 3 FLAGS.SILENT (\\Seen)');
    assert.equal(silent.length, 1);
    assert.deepEqual((await fixture.store.getMessage(ALICE, 'INBOX', 3))!.flags, ['\\Seen']);
  });
  it('answers [MODIFIED] for messages changed since UNCHANGEDSINCE', async () => {
    const modseq = (await fixture.store.getMessage(ALICE, 'INBOX', 1))!.modseq;
    await client.command('STORE 2 +FLAGS (\\Seen)');
    const lines = await client.command(`STORE 1:2 (UNCHANGEDSINCE ${modseq}) +FLAGS (\\Deleted)`);
    assert.match(lines[0]!, /^\* 1 FETCH \(FLAGS \(\\Deleted\) MODSEQ \(\d+\)\)$/);
    assert.match(lines.at(-1)!, /OK \[MODIFIED 2\]/);
  });
  it('refuses bad STORE arguments with BAD', async () => {
    assert.match((await client.command('STORE 1 FLAGZ (\\Seen)')).at(-1)!, /BAD/);
    assert.match((await client.command('STORE 1 +FLAGS (\\Recent)')).at(-1)!, /BAD/);
  });
  it('copies with COPYUID and asks to create a missing mailbox', async () => {
    assert.match((await client.command('COPY 2:3 Keep')).at(-1)!, /OK \[COPYUID \d+ 2:3 1:2\] COPY completed/);
    assert.match((await client.command('COPY 1 Nowhere')).at(-1)!, /NO \[TRYCREATE\]/);
    assert.equal((await fixture.store.listMessages(ALICE, 'Keep')).length, 2);
  });
  it('moves: COPYUID untagged, then EXPUNGE, then OK', async () => {
    const lines = await client.command('UID MOVE 2 Keep');
    assert.match(lines[0]!, /^\* OK \[COPYUID \d+ 2 1\]/);
    assert.ok(lines.includes('* 2 EXPUNGE'), lines.join('\n'));
    assert.match(lines.at(-1)!, /OK UID MOVE completed/);
    assert.deepEqual((await fixture.store.listMessages(ALICE, 'INBOX')).map((message) => message.uid), [1, 3]);
  });
});
