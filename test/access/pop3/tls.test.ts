import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ALICE, startPop3, type Pop3Fixture } from './fixture.js';
import { Pop3Client } from './pop3-client.js';

describe('pop3 TLS: STLS and implicit TLS, plaintext auth refused before TLS', () => {
  let pop3: Pop3Fixture;
  before(async () => {
    pop3 = await startPop3({ tls: true, allowInsecureAuth: false });
    await pop3.append('Subject: s\r\n\r\nsecret\r\n');
  });
  after(() => pop3.close());

  it('offers STLS and hides USER and SASL before TLS, refusing plaintext logins with [AUTH]', async () => {
    const { client } = await Pop3Client.connect(pop3.port);
    assert.deepEqual((await client.multiline('CAPA')).lines, ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'STLS', 'IMPLEMENTATION posthouse']);
    const refused = '-ERR [AUTH] Plaintext authentication disallowed on non-secure (SSL/TLS) connections.';
    assert.equal(await client.command(`USER ${ALICE.address}`), refused);
    assert.equal(await client.command(`PASS ${ALICE.password}`), refused);
    assert.equal(await client.command('AUTH PLAIN AGFAYgBj'), refused);
    assert.deepEqual(await client.multiline('AUTH'), { status: '+OK', lines: [] });
    assert.equal(await client.command('STLS x'), '-ERR STLS takes no argument.');
    await client.command('QUIT');
  });

  it('upgrades with STLS, discards what was sent before the handshake, then allows USER/PASS', async () => {
    const { client } = await Pop3Client.connect(pop3.port);
    // NOOP rides in the same packet as STLS: RFC 2595 §4 says it must not be acted on.
    client.send('STLS\r\nNOOP\r\n');
    assert.equal(await client.line(), '+OK Begin TLS negotiation now.');
    await client.startTls();
    assert.deepEqual((await client.multiline('CAPA')).lines, ['CAPA', 'TOP', 'UIDL', 'RESP-CODES', 'PIPELINING', 'AUTH-RESP-CODE', 'USER', 'SASL PLAIN', 'IMPLEMENTATION posthouse']);
    assert.equal(await client.command('STLS'), '-ERR TLS is already active.');
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '+OK Logged in.');
    assert.equal(await client.command('STAT'), '+OK 1 22');
    assert.equal(await client.command('QUIT'), '+OK Logging out.');
  });

  it('serves implicit TLS (POP3S) from the first byte', async () => {
    const { client, greeting } = await Pop3Client.connect(pop3.tlsPort!, { implicitTls: true });
    assert.equal(greeting, '+OK pop.example.test posthouse POP3 ready.');
    assert.ok(!(await client.multiline('CAPA')).lines.includes('STLS'));
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '+OK Logged in.');
    assert.equal(await client.command('RETR 1'), '+OK 22 octets');
    assert.equal((await client.multilineBody()).toString(), 'Subject: s\r\n\r\nsecret\r\n.\r\n');
    await client.command('QUIT');
  });
});
