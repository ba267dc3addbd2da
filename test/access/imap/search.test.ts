import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture, type ScriptedClient } from './helpers.js';

const MESSAGES = [
  'From: Ann <ann@example.test>\r\nTo: bob@example.test\r\nSubject: Lunch plans\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nPizza at noon?\r\n',
  'From: =?utf-8?Q?Zo=C3=AB?= <zoe@example.test>\r\nCc: ann@example.test\r\nSubject: =?utf-8?Q?Caf=C3=A9?= report\r\nDate: Wed, 10 Jan 2024 10:00:00 +0000\r\n' +
    'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nThe cr=C3=A8me br=C3=BBl=C3=A9e was fine.\r\n',
  'From: carl@example.test\r\nSubject: Re: Lunch plans\r\nX-Priority: 1\r\nDate: Fri, 2 Feb 2024 10:00:00 +0000\r\n\r\n' + 'x'.repeat(2000) + '\r\n',
];

describe('SEARCH', () => {
  let fixture: ImapFixture;
  let client: ScriptedClient;
  before(async () => {
    fixture = await imapFixture();
    for (const [index, text] of MESSAGES.entries()) {
      await fixture.store.append({ account: ALICE, mailbox: 'INBOX', flags: index === 0 ? ['\\Seen'] : [] }, Buffer.from(text), { internalDate: new Date(Date.UTC(2024, index, 5)) });
    }
    client = await fixture.login();
    await client.command('SELECT INBOX');
  });
  after(() => fixture.close());
  const search = async (criteria: string): Promise<string> => (await client.command(`SEARCH ${criteria}`))[0]!;

  it('matches flags, sizes and sequence sets', async () => {
    assert.equal(await search('ALL'), '* SEARCH 1 2 3');
    assert.equal(await search('UNSEEN'), '* SEARCH 2 3');
    assert.equal(await search('LARGER 1000'), '* SEARCH 3');
    assert.equal(await search('NOT 2:3'), '* SEARCH 1');
    assert.equal(await search('OR SEEN LARGER 1000'), '* SEARCH 1 3');
    assert.equal(await search('(SEEN) (UNSEEN)'), '* SEARCH');
  });
  it('matches decoded headers and bodies, case-insensitively', async () => {
    assert.equal(await search('SUBJECT lunch'), '* SEARCH 1 3');
    assert.equal(await search('CHARSET UTF-8 SUBJECT "CAFÉ"'), '* SEARCH 2');
    assert.equal(await search('FROM zoë'), '* SEARCH 2');
    assert.equal(await search('CC ann'), '* SEARCH 2');
    assert.equal(await search('BODY "Crème brûlée"'), '* SEARCH 2');
    assert.equal(await search('TEXT pizza'), '* SEARCH 1');
    assert.equal(await search('HEADER X-Priority ""'), '* SEARCH 3');
  });
  it('compares internal and sent dates by day', async () => {
    assert.equal(await search('SINCE 5-Feb-2024'), '* SEARCH 2 3');
    assert.equal(await search('BEFORE 5-Feb-2024'), '* SEARCH 1');
    assert.equal(await search('SENTON 10-Jan-2024'), '* SEARCH 2');
    assert.equal(await search('SENTBEFORE 2-Jan-2024'), '* SEARCH 1');
  });
  it('answers UID SEARCH with UIDs and ESEARCH with RETURN', async () => {
    assert.equal(await search('UID 2:*'), '* SEARCH 2 3');
    assert.equal((await client.command('UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN', 'e1'))[0], '* ESEARCH (TAG "e1") UID MIN 2 MAX 3 COUNT 2 ALL 2:3');
    assert.equal((await client.command('SEARCH RETURN (COUNT) DELETED', 'e2'))[0], '* ESEARCH (TAG "e2") COUNT 0');
  });
  it('refuses other charsets with BADCHARSET and bad criteria with BAD', async () => {
    assert.match((await client.command('SEARCH CHARSET KOI8-R ALL')).at(-1)!, /NO \[BADCHARSET \(UTF-8 US-ASCII\)\]/);
    assert.match((await client.command('SEARCH FROB')).at(-1)!, /BAD/);
    assert.match((await client.command('SEARCH SINCE yesterday')).at(-1)!, /BAD/);
    assert.match((await client.command('SEARCH OR SEEN')).at(-1)!, /BAD/);
  });
});
