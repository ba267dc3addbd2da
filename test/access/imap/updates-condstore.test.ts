import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, imapFixture, type ImapFixture } from './helpers.js';

describe('IMAP untagged EXPUNGE timing, CONDSTORE and QRESYNC', () => {
  let fixture: ImapFixture;
  before(async () => {
    fixture = await imapFixture();
  });
  after(() => fixture.close());

  /** A mailbox with `count` messages; returns its name. */
  const mailboxWith = async (name: string, count: number): Promise<string> => {
    await fixture.store.createMailbox(ALICE, name);
    for (let index = 1; index <= count; index++) await fixture.store.append({ account: ALICE, mailbox: name }, Buffer.from(`Subject: m${index}\r\n\r\nbody ${index}\r\n`));
    return name;
  };
  const expungeElsewhere = async (mailbox: string, uid: number): Promise<void> => {
    await fixture.store.updateFlags(ALICE, mailbox, { uids: [{ start: uid, end: uid }] }, { operation: 'add', flags: ['\\Deleted'] });
    await fixture.store.expunge(ALICE, mailbox, { uids: [{ start: uid, end: uid }] });
  };

  it('holds an expunge back during FETCH, STORE and SEARCH by sequence number, and delivers it at NOOP (RFC 9051 §7.4.1)', async () => {
    const mailbox = await mailboxWith('Held', 3);
    const client = await fixture.login();
    await client.command(`SELECT ${mailbox}`);
    await expungeElsewhere(mailbox, 2);
    const fetched = await client.command('FETCH 1:3 (UID)', 'f1');
    assert.ok(!fetched.some((line) => line.includes('EXPUNGE')), fetched.join('\n'));
    assert.ok(fetched.includes('* 3 FETCH (UID 3)'), fetched.join('\n'));
    const stored = await client.command('STORE 3 +FLAGS (\\Flagged)', 's1');
    assert.ok(!stored.some((line) => line.includes('EXPUNGE')), stored.join('\n'));
    assert.ok(stored.includes('* 3 FETCH (FLAGS (\\Flagged))'), stored.join('\n'));
    const searched = await client.command('SEARCH FLAGGED', 'q1');
    assert.deepEqual(searched, ['* SEARCH 3', 'q1 OK SEARCH completed']);
    assert.deepEqual(await client.command('NOOP', 'n1'), ['* 2 EXPUNGE', 'n1 OK NOOP completed']);
    assert.deepEqual(await client.command('SEARCH FLAGGED', 'q2'), ['* SEARCH 2', 'q2 OK SEARCH completed']);
  });

  it('delivers a pending expunge with UID FETCH, which names messages by UID', async () => {
    const mailbox = await mailboxWith('HeldUid', 2);
    const client = await fixture.login();
    await client.command(`SELECT ${mailbox}`);
    await expungeElsewhere(mailbox, 1);
    const lines = await client.command('UID FETCH 1:* (FLAGS)', 'u1');
    assert.deepEqual(lines, ['* 2 FETCH (UID 2 FLAGS ())', '* 1 EXPUNGE', 'u1 OK UID FETCH completed']);
  });

  it('answers FETCH CHANGEDSINCE with only the messages changed since, and MODSEQ', async () => {
    const mailbox = await mailboxWith('Changed', 3);
    const before = (await fixture.store.mailboxStatus(ALICE, mailbox))!.highestModseq;
    await fixture.store.updateFlags(ALICE, mailbox, { uids: [{ start: 2, end: 2 }] }, { operation: 'add', flags: ['\\Seen'] });
    const client = await fixture.login();
    await client.command(`SELECT ${mailbox} (CONDSTORE)`);
    const lines = await client.command(`FETCH 1:* (FLAGS) (CHANGEDSINCE ${before})`, 'c1');
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /^\* 2 FETCH \((UID 2 )?FLAGS \(\\Seen\) MODSEQ \((\d+)\)\)$/);
    assert.ok(Number(/MODSEQ \((\d+)\)/.exec(lines[0]!)![1]) > before);
  });

  it('answers UID FETCH CHANGEDSINCE … VANISHED with the UIDs expunged since (RFC 7162 §3.2.6)', async () => {
    const mailbox = await mailboxWith('Vanish', 4);
    const before = (await fixture.store.mailboxStatus(ALICE, mailbox))!.highestModseq;
    await expungeElsewhere(mailbox, 3);
    const client = await fixture.login();
    await client.command('ENABLE QRESYNC');
    await client.command(`SELECT ${mailbox}`);
    const lines = await client.command(`UID FETCH 1:4 (FLAGS) (CHANGEDSINCE ${before} VANISHED)`, 'v1');
    assert.ok(lines.includes('* VANISHED (EARLIER) 3'), lines.join('\n'));
    assert.equal(lines.at(-1), 'v1 OK UID FETCH completed');
    assert.match((await client.command('UID FETCH 1 (FLAGS) (VANISHED)', 'v2')).at(-1)!, /^v2 BAD /);
  });

  it('searches by MODSEQ and answers the highest MODSEQ of the hits (RFC 7162 §3.1.5)', async () => {
    const mailbox = await mailboxWith('ModseqSearch', 3);
    const before = (await fixture.store.mailboxStatus(ALICE, mailbox))!.highestModseq;
    await fixture.store.updateFlags(ALICE, mailbox, { uids: [{ start: 1, end: 1 }] }, { operation: 'add', flags: ['\\Answered'] });
    const after = (await fixture.store.mailboxStatus(ALICE, mailbox))!.highestModseq;
    const client = await fixture.login();
    await client.command(`SELECT ${mailbox}`);
    assert.deepEqual(await client.command(`SEARCH MODSEQ ${before + 1}`, 'm1'), [`* SEARCH 1 (MODSEQ ${after})`, 'm1 OK SEARCH completed']);
    assert.deepEqual(await client.command(`SEARCH MODSEQ ${after + 1}`, 'm2'), ['* SEARCH', 'm2 OK SEARCH completed']);
  });
});
