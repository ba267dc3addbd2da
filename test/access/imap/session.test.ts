import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, PASSWORD, type ImapFixture } from './helpers.js';

describe('IMAP session without a socket', () => {
  let fixture: ImapFixture;
  before(async () => {
    fixture = await imapFixture({ limits: { maxLiteralSize: 100, maxMessageSize: 1000, maxLineLength: 200 } });
  });
  after(() => fixture.close());

  it('greets with its capabilities and answers unknown and misplaced commands BAD without closing', async () => {
    const { client, greeting } = await fixture.connect();
    assert.match(greeting, /^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 .*AUTH=PLAIN.*\] imap\.test /);
    assert.deepEqual(await client.command('FROB', 'a1'), ['a1 BAD Unknown command FROB']);
    assert.deepEqual(await client.command('SELECT INBOX', 'a2'), ['a2 BAD SELECT is not valid in the not-authenticated state']);
    assert.deepEqual(await client.command('UID NOOP', 'a3'), ['a3 BAD Unknown command UID NOOP']);
    assert.deepEqual(await client.command('NOOP', 'a4'), ['a4 OK NOOP completed']);
    assert.deepEqual(await client.command('LOGOUT', 'a5'), ['* BYE Logging out', 'a5 OK LOGOUT completed']);
    assert.equal(await client.closed(), true);
  });

  it('refuses a too-big synchronising literal before the client sends it', async () => {
    const { client } = await fixture.connect();
    client.send('a1 LOGIN {101}\r\n');
    assert.equal(await client.line(), 'a1 NO [TOOBIG] Literal of 101 octets is over the limit of 100');
    client.send(`a2 LOGIN {${ALICE.length}}\r\n`);
    assert.equal(await client.line(), '+ Ready for literal data');
    client.send(`${ALICE} ${PASSWORD}\r\n`);
    assert.match(await client.line(), /^a2 OK \[CAPABILITY .*\] Logged in$/);
  });

  it('reads and drops an oversize LITERAL+ literal, then goes on', async () => {
    const { client } = await fixture.connect();
    client.send(`a1 LOGIN {500+}\r\n${'x'.repeat(500)} y\r\n`);
    assert.equal(await client.line(), 'a1 NO [TOOBIG] Literal of 500 octets is over the limit of 100');
    assert.deepEqual(await client.command('NOOP', 'a2'), ['a2 OK NOOP completed']);
  });

  it('drops an over-long line with BAD and keeps the connection', async () => {
    const { client } = await fixture.connect();
    client.send(`a1 LOGIN ${'x'.repeat(300)}\r\n`);
    assert.equal(await client.line(), '* BAD Command line too long');
    assert.deepEqual(await client.command('NOOP', 'a2'), ['a2 OK NOOP completed']);
  });

  it('authenticates with AUTHENTICATE PLAIN (SASL-IR and continuation) and LOGIN', async () => {
    const plain = Buffer.from(`\u0000${ALICE}\u0000${PASSWORD}`).toString('base64');
    const first = await fixture.connect();
    assert.match((await first.client.command(`AUTHENTICATE PLAIN ${plain}`, 'a1')).at(-1)!, /^a1 OK \[CAPABILITY .*\] Logged in$/);
    const second = await fixture.connect();
    second.client.send('a1 AUTHENTICATE PLAIN\r\n');
    assert.equal(await second.client.line(), '+ ');
    second.client.send(`${plain}\r\n`);
    assert.match(await second.client.line(), /^a1 OK/);
    const third = await fixture.connect();
    third.client.send('a1 AUTHENTICATE LOGIN\r\n');
    assert.equal(await third.client.line(), '+ VXNlcm5hbWU6');
    third.client.send(`${Buffer.from(ALICE).toString('base64')}\r\n`);
    assert.equal(await third.client.line(), '+ UGFzc3dvcmQ6');
    third.client.send('*\r\n');
    assert.equal(await third.client.line(), 'a1 BAD Authentication cancelled');
  });

  it('slows every failed authentication more, then closes', async () => {
    const delays: number[] = [];
    const slow = await imapFixture({ sleep: async (ms) => void delays.push(ms), limits: { authFailureDelayMs: 100, maxAuthFailures: 3 } });
    try {
      const { client } = await slow.connect();
      assert.deepEqual(await client.command(`LOGIN ${ALICE} wrong`, 'a1'), ['a1 NO [AUTHENTICATIONFAILED] Authentication failed']);
      await client.command(`LOGIN nobody@example.test wrong`, 'a2');
      assert.deepEqual(await client.command(`LOGIN ${ALICE} wrong`, 'a3'), ['* BYE Too many failed authentications', 'a3 NO [AUTHENTICATIONFAILED] Authentication failed']);
      assert.deepEqual(delays, [100, 200, 300]);
      assert.equal(await client.closed(), true);
    } finally {
      await slow.close();
    }
  });

  it('advertises LOGINDISABLED and refuses plaintext LOGIN before TLS unless allowed', async () => {
    const strict = await imapFixture({ allowInsecureAuth: false });
    try {
      const { client, greeting } = await strict.connect();
      assert.match(greeting, /LOGINDISABLED/);
      assert.doesNotMatch(greeting, /AUTH=PLAIN/);
      assert.deepEqual(await client.command(`LOGIN ${ALICE} ${PASSWORD}`, 'a1'), ['a1 NO [PRIVACYREQUIRED] Plaintext authentication is disallowed before TLS; use STARTTLS']);
      const secure = await strict.connect({ secure: true });
      assert.match(secure.greeting, /AUTH=PLAIN/);
      assert.match((await secure.client.command(`LOGIN ${ALICE} ${PASSWORD}`, 'a1')).at(-1)!, /^a1 OK/);
    } finally {
      await strict.close();
    }
  });

  it('answers SELECT with the RFC 3501 and RFC 9051 forms and ENABLE IMAP4rev2 switches them', async () => {
    const client = await fixture.login();
    const rev1 = await client.command('SELECT INBOX', 's1');
    assert.ok(rev1.includes('* 0 RECENT'));
    assert.ok(!rev1.some((line) => line.startsWith('* LIST')));
    assert.equal(rev1.at(-1), 's1 OK [READ-WRITE] SELECT completed');
    assert.deepEqual(await client.command('ENABLE IMAP4rev2', 'e1'), ['e1 BAD ENABLE is not valid in the selected state']);
    await client.command('UNSELECT');
    assert.deepEqual(await client.command('ENABLE IMAP4rev2 FOO', 'e2'), ['* ENABLED IMAP4rev2', 'e2 OK ENABLE completed']);
    const rev2 = await client.command('EXAMINE inbox', 's2');
    assert.ok(!rev2.includes('* 0 RECENT'));
    assert.ok(rev2.includes('* LIST () "/" "INBOX"'));
    assert.equal(rev2.at(-1), 's2 OK [READ-ONLY] EXAMINE completed');
  });

  it('sends EXISTS, FETCH FLAGS and EXPUNGE caused by other sessions, only when allowed', async () => {
    const watcher = await fixture.login();
    const actor = await fixture.login();
    await fixture.store.createMailbox(ALICE, 'Updates');
    await watcher.command('SELECT Updates');
    await actor.command('SELECT Updates');
    assert.deepEqual(await actor.command('APPEND Updates (\\Seen) {12+}\r\nSubject: 1\r\n', 'p1'), ['* 1 EXISTS', `p1 OK [APPENDUID ${(await fixture.store.mailboxStatus(ALICE, 'Updates'))!.uidValidity} 1] APPEND completed`]);
    const one = await fixture.store.append({ account: ALICE, mailbox: 'Updates' }, Buffer.from('Subject: a\r\n\r\nx\r\n'));
    assert.deepEqual(await watcher.command('NOOP', 'n1'), ['* 2 EXISTS', 'n1 OK NOOP completed']);
    await fixture.store.updateFlags(ALICE, 'Updates', { uids: [{ start: one.uid, end: one.uid }] }, { operation: 'add', flags: ['\\Deleted'] });
    assert.deepEqual(await watcher.command('NOOP', 'n2'), [`* 2 FETCH (UID ${one.uid} FLAGS (\\Deleted))`, 'n2 OK NOOP completed']);
    assert.deepEqual(await actor.command('NOOP', 'n0'), ['* 2 EXISTS', 'n0 OK NOOP completed']);
    assert.deepEqual(await actor.command('EXPUNGE', 'x1'), ['* 2 EXPUNGE', 'x1 OK EXPUNGE completed']);
    assert.deepEqual(await watcher.command('CHECK', 'n3'), ['* 2 EXPUNGE', 'n3 OK CHECK completed']);
  });

  it('announces changes during IDLE as they happen', async () => {
    const client = await fixture.login();
    await fixture.store.createMailbox(ALICE, 'Idle');
    await client.command('SELECT Idle');
    client.send('i1 IDLE\r\n');
    assert.equal(await client.line(), '+ idling');
    await fixture.store.append({ account: ALICE, mailbox: 'Idle' }, Buffer.from('Subject: b\r\n\r\ny\r\n'));
    assert.equal(await client.line(), '* 1 EXISTS');
    client.send('DONE\r\n');
    assert.equal(await client.line(), 'i1 OK IDLE terminated');
  });

  it('answers QRESYNC with VANISHED (EARLIER) and the flags changed since', async () => {
    await fixture.store.createMailbox(ALICE, 'Sync');
    const results = [];
    for (let index = 0; index < 4; index++) results.push(await fixture.store.append({ account: ALICE, mailbox: 'Sync' }, Buffer.from(`Subject: ${index}\r\n\r\n.\r\n`)));
    const status = (await fixture.store.mailboxStatus(ALICE, 'Sync'))!;
    await fixture.store.updateFlags(ALICE, 'Sync', { uids: [{ start: 2, end: 2 }, { start: 4, end: 4 }] }, { operation: 'add', flags: ['\\Deleted'] });
    await fixture.store.expunge(ALICE, 'Sync', { uids: [{ start: 2, end: 2 }] });
    const client = await fixture.login();
    assert.deepEqual(await client.command('SELECT Sync (QRESYNC (1 1))', 'q0'), ['q0 BAD QRESYNC must be enabled first']);
    await client.command('ENABLE QRESYNC');
    const lines = await client.command(`SELECT Sync (QRESYNC (${status.uidValidity} ${status.highestModseq} 1:4))`, 'q1');
    assert.ok(lines.includes('* VANISHED (EARLIER) 2'), lines.join('\n'));
    assert.ok(lines.some((line) => /^\* 3 FETCH \(UID 4 FLAGS \(\\Deleted\) MODSEQ \(\d+\)\)$/.test(line)), lines.join('\n'));
    assert.equal(lines.at(-1), 'q1 OK [READ-WRITE] SELECT completed');
  });

  it('lists with LIST-EXTENDED options, special use, LIST-STATUS and modified UTF-7 for rev1', async () => {
    const client = await fixture.login();
    assert.deepEqual(await client.command('CREATE "Entw&APw-rfe"', 'c1'), ['c1 OK CREATE completed']);
    assert.deepEqual(await client.command('LIST "" "Entw*"', 'l1'), ['* LIST (\\HasNoChildren) "/" "Entw&APw-rfe"', 'l1 OK LIST completed']);
    assert.deepEqual(await client.command('LIST (SPECIAL-USE) "" "*" RETURN (STATUS (MESSAGES))', 'l2').then((lines) => lines.filter((line) => line.includes('Sent'))), [
      '* LIST (\\HasNoChildren \\Sent) "/" "Sent"',
      '* STATUS "Sent" (MESSAGES 0)',
    ]);
    assert.deepEqual(await client.command('LIST "" ""', 'l3'), ['* LIST (\\Noselect) "/" ""', 'l3 OK LIST completed']);
    assert.deepEqual(await client.command('LIST (RECURSIVEMATCH) "" "*"', 'l4'), ['l4 BAD RECURSIVEMATCH needs another selection option']);
    assert.deepEqual(await client.command('STATUS Nope (MESSAGES)', 's1'), ['s1 NO [NONEXISTENT] Mailbox does not exist: Nope']);
  });

  it('appends several messages at once and answers APPENDUID, TRYCREATE for a missing mailbox', async () => {
    const client = await fixture.login();
    client.send('a1 APPEND Drafts (\\Draft) "05-Mar-2026 10:00:00 +0100" {12+}\r\nSubject: 1\r\n {12+}\r\nSubject: 2\r\n\r\n');
    assert.match(await client.line(), /^a1 OK \[APPENDUID \d+ 1:2\] APPEND completed$/);
    const [first] = await fixture.store.listMessages(ALICE, 'Drafts');
    assert.deepEqual(first!.flags, ['\\Draft']);
    assert.equal(first!.internalDate.toISOString(), '2026-03-05T09:00:00.000Z');
    client.send('a2 APPEND Missing {1+}\r\nx\r\n');
    assert.equal(await client.line(), 'a2 NO [TRYCREATE] Mailbox does not exist');
  });
});
