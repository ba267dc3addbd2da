import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestServer, type TestServer } from '../../../src/testing/test-server.js';
import { readCorpus, toCrlf } from '../../helpers/corpus.js';
import { sendAll } from '../../helpers/send-all.js';
import { Pop3Client, unstuff } from './pop3-client.js';

const READER = 'reader@corpus.test';

describe('the MIME corpus through SMTP, then out over POP3', () => {
  let mail: TestServer;
  before(async () => {
    mail = await startTestServer();
  });
  after(() => mail.close());

  it('RETR gives every message byte for byte as stored, and LIST its stored size', async () => {
    const corpus = await readCorpus();
    assert.ok(corpus.length >= 300, `only ${corpus.length} corpus files`);
    const replies = await sendAll(mail.smtp.port, corpus.map((message) => ({ to: READER, bytes: toCrlf(message.bytes) })));
    assert.deepEqual(replies.filter((reply) => reply.code !== 250).map((reply) => reply.last), []);
    const { user, pass } = await mail.login(READER);
    const stored = await mail.server.store.listMessages(user, 'INBOX');
    assert.equal(stored.length, corpus.length);

    const { client } = await Pop3Client.connect(mail.pop3.port);
    assert.equal(await client.command(`USER ${user}`), '+OK');
    assert.equal(await client.command(`PASS ${pass}`), '+OK Logged in.');
    const listing = await client.multiline('LIST');
    assert.deepEqual(listing.lines, stored.map((message, index) => `${index + 1} ${message.size}`));
    const differing: number[] = [];
    for (const [index, message] of stored.entries()) {
      assert.equal(await client.command(`RETR ${index + 1}`), `+OK ${message.size} octets`);
      const retrieved = unstuff(await client.multilineBody());
      const expected = await (await mail.server.store.readMessage(user, 'INBOX', message.uid)).buffer();
      if (!retrieved.equals(expected)) differing.push(message.uid);
    }
    assert.deepEqual(differing, [], 'UIDs whose RETR differs from the stored bytes');
    assert.equal(await client.command('QUIT'), '+OK Logging out.');
  });
});
