import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMailServer } from '../../src/server.js';
import { compileCodeRules } from '../../src/deliverer/rules/index.js';
import { header, rule } from '../../src/rules/index.js';
import { isPosthouseError } from '../../src/errors/posthouse-error.js';
import { nodemailerTo } from '../helpers/nodemailer-client.js';

test("the host application's typed and Sieve rules run before the account's own script", async () => {
  const server = createMailServer({
    hostname: 'mx.example.com',
    smtp: { port: 0 },
    rules: {
      global: [
        rule('invoices').when(header('subject').contains('invoice')).fileInto('Invoices', { create: true, flags: ['\\Flagged'] }),
        rule('vip').when((message) => message.header('x-customer-tier')[0] === 'gold').fileInto('VIP', { create: true }),
        'require "fileinto"; if header :is "x-app" "noise" { discard; stop; }',
      ],
    },
  });
  const { smtp } = await server.listen();
  try {
    await server.directory.addAccount('alice@example.com', { createDomain: true });
    await server.rules!.put('alice@example.com', 'main', 'require ["fileinto", "mailbox"]; fileinto :create "Personal";');
    await server.rules!.activate('alice@example.com', 'main');
    const transport = nodemailerTo(smtp!.port);
    await transport.sendMail({ from: 'billing@example.org', to: 'alice@example.com', subject: 'Your invoice', text: 'x' });
    await transport.sendMail({ from: 'crm@example.org', to: 'alice@example.com', subject: 'Hello', text: 'x', headers: { 'X-Customer-Tier': 'gold' } });
    await transport.sendMail({ from: 'app@example.org', to: 'alice@example.com', subject: 'Ping', text: 'x', headers: { 'X-App': 'noise' } });
    await transport.sendMail({ from: 'friend@example.org', to: 'alice@example.com', subject: 'Lunch?', text: 'x' });
    const count = async (mailbox: string) => (await server.store.mailboxStatus('alice@example.com', mailbox))?.messages ?? 0;
    // One RFC 5228 run across both: the app's rules file without `stop`, so the personal script files too;
    // the Sieve app rule discards and stops, so nothing else runs for that message.
    assert.equal(await count('Invoices'), 1);
    assert.equal(await count('VIP'), 1);
    assert.equal(await count('Personal'), 3);
    assert.equal(await count('INBOX'), 0);
    const [invoice] = await server.store.listMessages('alice@example.com', 'Invoices');
    assert.deepEqual(invoice?.flags, ['\\Flagged']);
  } finally {
    await server.close();
  }
});

test('a Sieve text that does not compile is refused at start-up, with its position', () => {
  assert.throws(() => compileCodeRules(['if header :contains "subject" {']), (error: unknown) => isPosthouseError(error, 'RULES_SCRIPT_INVALID') && /line 1/.test((error as Error).message));
});
