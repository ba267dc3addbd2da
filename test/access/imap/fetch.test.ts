import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture, type ScriptedClient } from './helpers.js';

const PLAIN = 'From: Ann <ann@example.test>\r\nTo: bob@example.test\r\nSubject: hello\r\nMessage-ID: <1@x>\r\n\r\nline one\r\nline two\r\n';
const MULTIPART =
  'Subject: parts\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nfirst\r\n' +
  '--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\nAAEC\r\n--b--\r\n';

describe('FETCH', () => {
  let fixture: ImapFixture;
  let client: ScriptedClient;
  before(async () => {
    fixture = await imapFixture();
    await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, Buffer.from(PLAIN), { internalDate: new Date(Date.UTC(2024, 0, 5, 10, 0, 0)) });
    await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, Buffer.from(MULTIPART));
    client = await fixture.login();
    await client.command('SELECT INBOX');
  });
  after(() => fixture.close());

  it('answers FLAGS, UID, RFC822.SIZE and INTERNALDATE', async () => {
    const lines = await client.command('FETCH 1 (FLAGS UID RFC822.SIZE INTERNALDATE)');
    assert.equal(lines[0], `* 1 FETCH (FLAGS () UID 1 RFC822.SIZE ${PLAIN.length} INTERNALDATE " 5-Jan-2024 10:00:00 +0000")`);
    assert.match(lines.at(-1)!, /^t\d+ OK/);
  });
  it('sends BODY.PEEK[] byte for byte without setting \\Seen', async () => {
    const lines = await client.command('FETCH 1 (BODY.PEEK[])');
    assert.equal(lines[0], `* 1 FETCH (BODY[] {${PLAIN.length}}`);
    assert.equal(lines.slice(1, -2).join('\r\n') + '\r\n' + lines.at(-2)!.slice(0, -1), PLAIN.slice(0, -2) + '\r\n');
    assert.equal((await client.command('FETCH 1 FLAGS'))[0], '* 1 FETCH (FLAGS ())');
  });
  it('sets \\Seen on BODY[TEXT] and reports FLAGS', async () => {
    const lines = await client.command('UID FETCH 1 BODY[TEXT]');
    assert.equal(lines[0], '* 1 FETCH (UID 1 BODY[TEXT] {20}');
    assert.equal(lines[3], ' FLAGS (\\Seen))');
  });
  it('extracts HEADER.FIELDS and partial ranges', async () => {
    const lines = await client.command('FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[TEXT]<5.3>)');
    assert.deepEqual(lines.slice(0, 5), ['* 1 FETCH (BODY[HEADER.FIELDS (Subject)] {18}', 'Subject: hello', '', ' BODY[TEXT]<5> {3}', 'one)']);
  });
  it('answers ENVELOPE and BODYSTRUCTURE from the rendering', async () => {
    const lines = await client.command('FETCH 2 (BODYSTRUCTURE)');
    assert.equal(
      lines[0],
      '* 2 FETCH (BODYSTRUCTURE (("text" "plain" ("charset" "us-ascii") NIL NIL "7bit" 5 0 NIL NIL NIL NIL)' +
        '("application" "octet-stream" NIL NIL NIL "base64" 4 NIL NIL NIL NIL) "mixed" ("boundary" "b") NIL NIL NIL))',
    );
    const envelope = await client.command('FETCH 1 ENVELOPE');
    assert.equal(envelope[0], '* 1 FETCH (ENVELOPE (NIL "hello" (("Ann" NIL "ann" "example.test")) (("Ann" NIL "ann" "example.test")) (("Ann" NIL "ann" "example.test")) ((NIL NIL "bob" "example.test")) NIL NIL NIL "<1@x>"))');
    assert.notEqual((await fixture.store.getMessage(ALICE, 'INBOX', 1))!.summary?.imap, undefined);
  });
  it('decodes BINARY and reports BINARY.SIZE, in literal8 when there is a NUL', async () => {
    const lines = await client.command('FETCH 2 (BINARY.SIZE[2] BINARY.PEEK[2])');
    assert.equal(lines[0], '* 2 FETCH (BINARY.SIZE[2] 3 BINARY[2] ~{3}');
    assert.equal(Buffer.from(lines[1]!, 'latin1').toString('hex'), '000102' + Buffer.from(')').toString('hex'));
  });
  it('answers BAD for unknown items and bad sets, OK for a UID that is gone', async () => {
    assert.match((await client.command('FETCH 1 (FLAGS BOGUS)')).at(-1)!, /^t\d+ BAD/);
    assert.match((await client.command('FETCH 9 FLAGS')).at(-1)!, /^t\d+ BAD/);
    assert.match((await client.command('FETCH 1 BODY[1.HEADERX]')).at(-1)!, /^t\d+ BAD/);
    assert.deepEqual((await client.command('UID FETCH 99 FLAGS')).length, 1);
  });
});

describe('FETCH reads ahead', () => {
  it('asks the store for the next message while it answers one, and a failed read ahead is reported where it belongs', async (t) => {
    const fixture = await imapFixture();
    t.after(() => fixture.close());
    for (let index = 0; index < 3; index += 1) await fixture.store.append({ account: ALICE, mailbox: 'INBOX' }, Buffer.from(PLAIN));
    const store = fixture.store;
    const read = store.readMessage.bind(store);
    const events: string[] = [];
    let secondRequested!: () => void;
    const second = new Promise<void>((resolve) => (secondRequested = resolve));
    t.mock.method(store, 'readMessage', async (account: string, mailbox: string, uid: number) => {
      events.push(`read ${uid}`);
      if (uid === 2) secondRequested();
      // the first read completes once the second was asked for: without reading ahead, after a wait
      if (uid === 1) {
        await Promise.race([second, new Promise((resolve) => setTimeout(resolve, 1000))]);
        events.push('first read done');
      }
      if (uid === 3) throw new Error('EIO');
      return read(account, mailbox, uid);
    });
    const client = await fixture.login();
    await client.command('EXAMINE INBOX');
    const lines = await client.command('FETCH 1:3 (BODY.PEEK[])');
    assert.deepEqual(events.slice(0, 3), ['read 1', 'read 2', 'first read done'], 'the second message was asked for before the first was answered');
    assert.equal(lines[0], `* 1 FETCH (BODY[] {${PLAIN.length}}`);
    assert.ok(lines.includes(`* 2 FETCH (BODY[] {${PLAIN.length}}`), 'the message before the failed one is answered');
    assert.ok(!lines.some((line) => line.startsWith('* 3 FETCH')));
    assert.match(lines.at(-1)!, /^t\d+ (NO|BAD)/);
  });
});
