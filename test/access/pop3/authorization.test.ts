import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, startPop3, type Pop3Fixture } from './fixture.js';
import { Pop3Client } from './pop3-client.js';

const plain = (authzid: string, user: string, password: string): string => Buffer.from(`${authzid}\0${user}\0${password}`).toString('base64');

describe('pop3 AUTHORIZATION state (insecure auth allowed)', () => {
  let pop3: Pop3Fixture;
  before(async () => {
    pop3 = await startPop3();
  });
  after(() => pop3.close());

  it('greets, and lists USER and SASL PLAIN in CAPA', async () => {
    const { client, greeting } = await Pop3Client.connect(pop3.port);
    assert.equal(greeting, '+OK pop.example.test posthouse POP3 ready.');
    assert.deepEqual(await client.multiline('CAPA'), {
      status: '+OK Capability list follows',
      lines: ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'USER', 'SASL PLAIN', 'IMPLEMENTATION posthouse'],
    });
    assert.deepEqual(await client.multiline('AUTH'), { status: '+OK', lines: ['PLAIN'] });
    assert.equal(await client.command('STAT'), '-ERR STAT is not valid in the AUTHORIZATION state.');
    assert.equal(await client.command('PASS x'), '-ERR No username given.');
    assert.equal(await client.command('USER'), '-ERR No username given.');
    assert.equal(await client.command('STLS'), '-ERR TLS support is not enabled.');
    assert.equal(await client.command('QUIT'), '+OK Logging out');
    await client.waitClosed();
    assert.ok(client.closed);
  });

  it('refuses a wrong password with [AUTH] after the injected delay, and a wrong user alike', async () => {
    const { client } = await Pop3Client.connect(pop3.port);
    const before = pop3.delays.length;
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command('PASS wrong'), '-ERR [AUTH] Authentication failed.');
    assert.equal(await client.command('USER nobody@example.test'), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '-ERR [AUTH] Authentication failed.');
    assert.equal(await client.command('USER not an address'), '+OK');
    assert.equal(await client.command('PASS x'), '-ERR [AUTH] Authentication failed.');
    assert.deepEqual(pop3.delays.slice(before), [1, 2, 3]);
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '+OK Logged in.');
    assert.deepEqual(await client.multiline('CAPA'), {
      status: '+OK Capability list follows',
      lines: ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'IMPLEMENTATION posthouse'],
    });
    await client.command('QUIT');
  });

  it('logs in with AUTH PLAIN, with an initial response and after a challenge', async () => {
    const first = await Pop3Client.connect(pop3.port);
    assert.equal(await first.client.command(`AUTH PLAIN ${plain('', ALICE.address, ALICE.password)}`), '+OK Logged in.');
    assert.equal(await first.client.command('QUIT'), '+OK Logging out.');
    await first.client.waitClosed();
    const second = await Pop3Client.connect(pop3.port);
    assert.equal(await second.client.command('AUTH plain'), '+ ');
    assert.equal(await second.client.command(plain(ALICE.address, ALICE.address, ALICE.password)), '+OK Logged in.');
    await second.client.command('QUIT');
  });

  it('answers bad AUTH exchanges precisely', async () => {
    const { client } = await Pop3Client.connect(pop3.port);
    assert.equal(await client.command('AUTH CRAM-MD5'), '-ERR [AUTH] Unsupported authentication mechanism.');
    assert.equal(await client.command('AUTH PLAIN'), '+ ');
    assert.equal(await client.command('*'), '-ERR Authentication aborted by client.');
    assert.equal(await client.command('AUTH PLAIN not-base64!'), '-ERR Invalid base64 data.');
    assert.equal(await client.command('AUTH PLAIN ='), '-ERR [AUTH] Authentication failed.');
    assert.equal(await client.command(`AUTH PLAIN ${plain('bob@example.test', ALICE.address, ALICE.password)}`), '-ERR [AUTH] Authentication failed.');
    assert.equal(await client.command(`AUTH PLAIN ${plain('', ALICE.address, 'wrong')}`), '-ERR [AUTH] Authentication failed.');
    assert.equal(await client.command('AUTH PLAIN a b'), '-ERR Too many arguments.');
    await client.command('QUIT');
  });

  it('locks the maildrop: a second session gets [IN-USE] until the first ends', async () => {
    const holder = await pop3.login();
    const { client } = await Pop3Client.connect(pop3.port);
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '-ERR [IN-USE] Mailbox is locked by another POP3 session.');
    assert.equal(await holder.command('QUIT'), '+OK Logging out.');
    await holder.waitClosed();
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '+OK Logged in.');
    await client.command('QUIT');
  });

  it('answers pipelined commands in order, one reply each', async () => {
    await pop3.append('Subject: p\r\n\r\nx\r\n');
    const { client } = await Pop3Client.connect(pop3.port);
    client.send(`USER ${ALICE.address}\r\nPASS ${ALICE.password}\r\nSTAT\r\nLIST 1\r\nBOGUS\r\nNOOP\r\nQUIT\r\n`);
    const replies = [];
    for (let index = 0; index < 7; index += 1) replies.push(await client.line());
    assert.deepEqual(replies, ['+OK', '+OK Logged in.', '+OK 1 17', '+OK 1 17', '-ERR Unknown command.', '+OK', '+OK Logging out.']);
  });
});
