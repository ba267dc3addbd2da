import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture } from './helpers.js';

describe('STORE reports each change once', () => {
  let fixture: ImapFixture;
  before(async () => {
    fixture = await imapFixture();
    for (const subject of ['a', 'b']) await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, Buffer.from(`Subject: ${subject}\r\n\r\nx\r\n`));
  });
  after(() => fixture.close());

  it('does not echo its own STORE back from the change feed (curl showed two FETCH lines)', async () => {
    const client = await fixture.login();
    await client.command('SELECT INBOX');
    assert.deepEqual(await client.command('STORE 2 +FLAGS (\\Flagged)', 's1'), ['* 2 FETCH (FLAGS (\\Flagged))', 's1 OK STORE completed']);
    assert.deepEqual(await client.command('UID STORE 1:2 -FLAGS (\\Flagged)', 's2'), ['* 1 FETCH (UID 1 FLAGS ())', '* 2 FETCH (UID 2 FLAGS ())', 's2 OK UID STORE completed']);
    assert.deepEqual(await client.command('NOOP', 'n1'), ['n1 OK NOOP completed']);
  });

  it('still tells another session that has the mailbox selected', async () => {
    const watcher = await fixture.login();
    const actor = await fixture.login();
    await watcher.command('SELECT INBOX');
    await actor.command('SELECT INBOX');
    await actor.command('STORE 1 +FLAGS (\\Answered)');
    assert.deepEqual(await watcher.command('NOOP', 'n2'), ['* 1 FETCH (UID 1 FLAGS (\\Answered))', 'n2 OK NOOP completed']);
  });
});
