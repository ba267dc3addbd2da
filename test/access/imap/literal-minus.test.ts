import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { ALICE, imapFixture, PASSWORD, type ImapFixture } from './helpers.js';

const MESSAGE = Buffer.from(`Subject: big\r\n\r\n${'y'.repeat(5000)}\r\n`);

describe('LITERAL+ and LITERAL- (RFC 7888)', () => {
  let fixture: ImapFixture;
  afterEach(() => fixture.close());

  it('advertises LITERAL+ alone by default and takes a large non-synchronising literal', async () => {
    fixture = await imapFixture();
    const { client, greeting } = await fixture.connect();
    assert.match(greeting, /^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL\+ /);
    assert.doesNotMatch(greeting, /LITERAL-/);
    await client.command(`LOGIN ${ALICE} ${PASSWORD}`);
    client.send(`a APPEND INBOX {${MESSAGE.length}+}\r\n`);
    client.send(MESSAGE);
    client.send('\r\n');
    assert.match((await client.until('a')).at(-1)!, /^a OK \[APPENDUID \d+ 1\] /);
  });

  it('advertises LITERAL- alone when configured, before and after login', async () => {
    fixture = await imapFixture({ literals: 'LITERAL-' });
    const { client, greeting } = await fixture.connect();
    assert.match(greeting, /^\* OK \[CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL- /);
    assert.doesNotMatch(greeting, /LITERAL\+/);
    const login = await client.command(`LOGIN ${ALICE} ${PASSWORD}`);
    assert.match(login.at(-1)!, / LITERAL- /);
    assert.doesNotMatch(login.at(-1)!, /LITERAL\+/);
  });

  it('under LITERAL-, takes non-synchronising literals up to 4096 octets', async () => {
    fixture = await imapFixture({ literals: 'LITERAL-' });
    const { client } = await fixture.connect();
    client.send(`a LOGIN {${ALICE.length}+}\r\n${ALICE} {${PASSWORD.length}+}\r\n${PASSWORD}\r\n`);
    assert.match(await client.line(), /^a OK \[CAPABILITY .*\] Logged in$/);
    const small = Buffer.from(`Subject: s\r\n\r\n${'z'.repeat(4096 - 16)}\r\n`);
    assert.equal(small.length, 4096);
    client.send(`b APPEND INBOX {4096+}\r\n`);
    client.send(small);
    client.send('\r\n');
    assert.match((await client.until('b')).at(-1)!, /^b OK \[APPENDUID \d+ 1\] /);
  });

  it('under LITERAL-, refuses a larger one with BAD [TOOBIG], drops its bytes and goes on', async () => {
    fixture = await imapFixture({ literals: 'LITERAL-' });
    const { client } = await fixture.connect();
    await client.command(`LOGIN ${ALICE} ${PASSWORD}`);
    client.send(`a APPEND INBOX {${MESSAGE.length}+}\r\n`);
    client.send(MESSAGE);
    client.send('\r\n');
    assert.deepEqual(await client.until('a'), [`a BAD [TOOBIG] Non-synchronizing literal of ${MESSAGE.length} octets is over 4096; send it as {${MESSAGE.length}}`]);
    assert.deepEqual(await client.command('NOOP', 'b'), ['b OK NOOP completed']);
    assert.equal((await fixture.store.listMessages(ALICE, 'INBOX')).length, 0);
    // The same message as a synchronising literal is taken.
    client.send(`c APPEND INBOX {${MESSAGE.length}}\r\n`);
    assert.equal(await client.line(), '+ Ready for literal data');
    client.send(MESSAGE);
    client.send('\r\n');
    assert.match((await client.until('c')).at(-1)!, /^c OK \[APPENDUID \d+ 1\] /);
  });
});
