import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { startTestServer, type TestServer } from '../../../src/testing/test-server.js';
import { readCorpus, toCrlf } from '../../helpers/corpus.js';
import { sendAll } from '../../helpers/send-all.js';

describe('IMAP BODY[] returns every corpus message byte for byte as stored', () => {
  let mail: TestServer;
  before(async () => {
    mail = await startTestServer();
  });
  after(() => mail.close());

  it('delivers the corpus over SMTP and fetches each message unchanged', async () => {
    const corpus = await readCorpus();
    const { user, pass } = await mail.login('reader@corpus.test');
    const replies = await sendAll(mail.smtp.port, corpus.map((message) => ({ to: user, bytes: toCrlf(message.bytes) })));
    assert.deepEqual(replies.flatMap((reply, index) => (reply.code === 250 ? [] : [`${corpus[index]!.name}: ${reply.last}`])), []);

    const client = new ImapFlow({ host: mail.imap.host, port: mail.imap.port, secure: false, doSTARTTLS: false, auth: { user, pass }, logger: false });
    await client.connect();
    const differing: number[] = [];
    let fetched = 0;
    try {
      await client.mailboxOpen('INBOX', { readOnly: true });
      for await (const message of client.fetch('1:*', { uid: true, source: true })) {
        fetched++;
        const stored = await (await mail.server.store.readMessage(user, 'INBOX', message.uid)).buffer();
        if (message.source === undefined || !message.source.equals(stored)) differing.push(message.uid);
      }
    } finally {
      await client.logout();
    }
    assert.equal(fetched, corpus.length);
    assert.deepEqual(differing, [], 'UIDs whose BODY[] differs from the stored bytes');
  });
});
