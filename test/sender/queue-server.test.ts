import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BounceEvent } from '../../src/interfaces/events.js';
import { startTestServer } from '../../src/testing/index.js';
import { fakeTransport } from './queue-fakes.js';

const message = Buffer.from('From: alice@here.test\r\nTo: bob@remote.test\r\nSubject: outbound\r\n\r\nhello\r\n');

test('a test server sends nothing out: the sandbox captures it in outbox()', async () => {
  const mail = await startTestServer();
  try {
    const delivered = new Promise((resolve) => mail.server.queue.once('delivered', resolve));
    await mail.server.queue.enqueue({ mailFrom: 'alice@here.test', rcptTo: ['bob@remote.test', 'carol@remote.test'], source: message, reason: 'submission' });
    await delivered;
    assert.deepEqual(
      mail.outbox().map(({ envelope, raw }) => [envelope, raw.toString('utf8')]),
      [[{ mailFrom: 'alice@here.test', rcptTo: ['bob@remote.test', 'carol@remote.test'] }, message.toString('utf8')]],
    );
  } finally {
    await mail.close();
  }
});

test('a bounce to a local sender lands in its INBOX, and the server emits bounce', async () => {
  const mail = await startTestServer({ sender: { transport: fakeTransport(() => 'failed') } });
  try {
    await mail.login('alice@here.test');
    const bounces: BounceEvent[] = [];
    mail.server.on('bounce', (event) => bounces.push(event));
    await mail.server.queue.enqueue({ mailFrom: 'alice@here.test', rcptTo: ['nobody@remote.test'], source: message, reason: 'submission' });
    const bounce = await mail.waitForMessage({ to: 'alice@here.test' });
    assert.equal(bounce.mailbox, 'INBOX');
    assert.equal(bounce.envelope.from, '');
    assert.match(bounce.raw.toString('utf8'), /Content-Type: multipart\/report;[^]*report-type="?delivery-status/i);
    assert.match(bounce.raw.toString('utf8'), /Final-Recipient: rfc822; ?nobody@remote\.test/i);
    assert.deepEqual(bounces.map((event) => [event.recipient, event.status, event.origin]), [['nobody@remote.test', '5.1.1', 'local']]);
    assert.deepEqual(mail.outbox(), [], 'the bounce went to the mailbox, not out');
  } finally {
    await mail.close();
  }
});
