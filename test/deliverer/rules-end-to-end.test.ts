import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailServer } from '../../src/server.js';
import { nodemailerTo, type NodemailerSendError } from '../helpers/nodemailer-client.js';

const script = `require ["fileinto", "imap4flags", "reject", "vacation", "mailbox"];
if header :contains "subject" "invoice" {
  fileinto :create :flags ["\\\\Flagged", "Billing"] "Invoices";
  stop;
}
if header :contains "subject" "spam" {
  reject "No spam here";
  stop;
}
vacation :days 7 :subject "Away" "I am away until Monday.";
`;

test('a Sieve script set for an account files, flags, rejects at SMTP and answers once per :days', async () => {
  const server = createMailServer({ hostname: 'mx.example.com', smtp: { port: 0 } });
  const { smtp } = await server.listen();
  try {
    await server.directory.addAccount('alice@example.com', { password: 'pw', createDomain: true });
    await server.rules!.put('alice@example.com', 'main', script);
    await server.rules!.activate('alice@example.com', 'main');
    const transport = nodemailerTo(smtp!.port);
    const send = (subject: string) =>
      transport.sendMail({ from: 'bob@example.org', to: 'alice@example.com', subject, text: 'hello', messageId: `<${subject.replace(/\W/g, '')}@example.org>` });

    await send('Your invoice 42');
    const invoices = await server.store.listMessages('alice@example.com', 'Invoices');
    assert.equal(invoices.length, 1);
    assert.deepEqual([...invoices[0]!.flags].sort(), ['Billing', '\\Flagged']);
    const explanation = await server.explainDelivery('alice@example.com', 'Invoices', invoices[0]!.uid);
    assert.ok(explanation?.result.trace.some((entry) => entry.kind === 'test' && entry.result === true && /subject/.test(entry.description)));

    await assert.rejects(send('Buy spam now'), (error: NodemailerSendError) => {
      assert.equal(error.responseCode, 550);
      assert.match(error.response ?? '', /^550 5\.7\.1 No spam here/);
      return true;
    });

    await send('Lunch?');
    await send('Lunch again?');
    assert.equal((await server.store.listMessages('alice@example.com', 'INBOX')).length, 2);
    const queued = await server.queue.list();
    assert.equal(queued.length, 1, 'one vacation reply within :days');
    assert.deepEqual({ mailFrom: queued[0]!.mailFrom, rcptTo: queued[0]!.rcptTo, reason: queued[0]!.reason }, { mailFrom: '', rcptTo: ['bob@example.org'], reason: 'vacation' });
    const reply = (await (await server.queue.read(queued[0]!.id)).buffer()).toString();
    assert.match(reply, /\r\nSubject: Away\r\n/);
    assert.match(reply, /\r\nAuto-Submitted: auto-replied\r\n/);
    assert.match(reply, /\r\nIn-Reply-To: <Lunch@example\.org>\r\n/);
    assert.match(reply, /^From: alice@example\.com\r\n/);
    assert.match(reply, /I am away until Monday\./);
    transport.close();
  } finally {
    await server.close();
  }
});
