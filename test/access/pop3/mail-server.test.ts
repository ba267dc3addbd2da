import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMailServer, type MailServer } from '../../../src/server.js';
import { SmtpSession } from '../../helpers/smtp-session.js';
import { ALICE, testCertificate } from './fixture.js';
import { Pop3Client } from './pop3-client.js';

describe('createMailServer with pop3 and pop3s listeners', () => {
  let server: MailServer;
  before(async () => {
    server = createMailServer({
      hostname: 'mx.example.test',
      tls: await testCertificate(),
      smtp: { port: 0 },
      pop3: { port: 0, pop3s: { port: 0 } },
    });
    await server.listen();
    await server.directory.addAccount(ALICE.address, { password: ALICE.password, createDomain: true });
  });
  after(() => server.close({ graceMs: 100 }));

  it('reads over POP3S what arrived over SMTP, and refuses plaintext USER on the plain port', async () => {
    const { pop3, pop3s, smtp } = server.addresses;
    assert.ok(pop3 && pop3s && smtp);
    const session = await SmtpSession.open(smtp.port);
    const sent = await session.sendMail('sender@client.test', [ALICE.address], Buffer.from('Subject: hello\r\n\r\nover pop3s\r\n'));
    assert.equal(sent.data?.code, 250);
    await session.quit();

    const plain = await Pop3Client.connect(pop3.port);
    assert.equal(plain.greeting, '+OK mx.example.test posthouse POP3 ready.');
    assert.match(await plain.client.command(`USER ${ALICE.address}`), /^-ERR \[AUTH\] Plaintext authentication disallowed/);
    plain.client.close();

    const { client } = await Pop3Client.connect(pop3s.port, { implicitTls: true });
    assert.equal(await client.command(`USER ${ALICE.address}`), '+OK');
    assert.equal(await client.command(`PASS ${ALICE.password}`), '+OK Logged in.');
    assert.equal(await client.command('STAT'), `+OK 1 ${(await server.store.listMessages(ALICE.address, 'INBOX'))[0]!.size}`);
    const { lines } = await client.multiline('RETR 1');
    assert.deepEqual(lines.slice(-3), ['Subject: hello', '', 'over pop3s']);
    assert.equal(await client.command('QUIT'), '+OK Logging out.');
  });
});
