import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture, type ScriptedClient } from './helpers.js';

function message(id: string, subject: string, day: number, from: string, extra = ''): Buffer {
  return Buffer.from(`From: ${from}\r\nSubject: ${subject}\r\nMessage-ID: <${id}@x>\r\nDate: ${day} Jan 2024 10:00:00 +0000\r\n${extra}\r\nbody ${id}\r\n`);
}

describe('SORT and THREAD', () => {
  let fixture: ImapFixture;
  let client: ScriptedClient;
  before(async () => {
    fixture = await imapFixture();
    const messages = [
      message('a', 'Lunch', 3, 'Zed <zed@x.test>'),
      message('b', 'Re: Lunch', 5, 'amy@x.test', 'In-Reply-To: <a@x>\r\n'),
      message('c', 'Budget', 1, 'Bob <bob@x.test>'),
      message('d', 'Re: Re: Lunch', 4, 'cy@x.test', 'References: <a@x> <b@x>\r\n'),
      message('e', 'Fwd: Budget', 2, 'dee@x.test'),
    ];
    for (const bytes of messages) await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, bytes);
    client = await fixture.login();
    await client.command('SELECT INBOX');
  });
  after(() => fixture.close());

  it('sorts by date, reversed size, base subject and sender mailbox', async () => {
    assert.equal((await client.command('SORT (DATE) UTF-8 ALL'))[0], '* SORT 3 5 1 4 2');
    assert.equal((await client.command('SORT (SUBJECT DATE) UTF-8 ALL'))[0], '* SORT 3 5 1 4 2');
    assert.equal((await client.command('SORT (FROM) UTF-8 ALL'))[0], '* SORT 2 3 4 5 1');
    assert.equal((await client.command('SORT (REVERSE DATE) UTF-8 ALL'))[0], '* SORT 2 4 1 5 3');
    assert.equal((await client.command('UID SORT (DISPLAY) UTF-8 NOT FROM amy'))[0], '* SORT 3 4 5 1');
    assert.match((await client.command('SORT (BOGUS) UTF-8 ALL')).at(-1)!, /BAD/);
  });
  it('threads by ordered subject', async () => {
    assert.equal((await client.command('THREAD ORDEREDSUBJECT UTF-8 ALL'))[0], '* THREAD (3 5)(1 (4)(2))');
  });
  it('threads by references', async () => {
    // d refers to a then b, so it hangs under b; e joins c by base subject, being a forward.
    assert.equal((await client.command('THREAD REFERENCES UTF-8 ALL'))[0], '* THREAD (3 5)(1 2 4)');
    assert.equal((await client.command('THREAD REFERENCES UTF-8 NOT FROM amy'))[0], '* THREAD (3 5)(1 4)');
  });
});
