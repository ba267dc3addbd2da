// Sieve rules for an account: invoices are filed and flagged, everything else gets a vacation
// reply (held in the outbound queue: nothing leaves the server yet), and every copy can say why
// it landed where it did.
// Run it with: node --import tsx examples/rules-sieve.ts
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { createMailServer, memoryStore } from 'posthouse';

const script = `require ["fileinto", "imap4flags", "mailbox", "vacation"];
if header :contains "subject" "invoice" {
  fileinto :create :flags "\\\\Flagged" "Invoices";
  stop;
}
vacation :days 7 :subject "Out of office" "I am away until Monday.";
`;

const server = createMailServer({ hostname: 'mx.example.test', store: memoryStore(), smtp: { host: '127.0.0.1', port: 0 } });
try {
  const { smtp } = await server.listen();
  await server.directory.addAccount('alice@example.test', { createDomain: true });
  // Checked on upload: a script that does not compile is refused here, with line:column.
  await server.rules!.put('alice@example.test', 'main', script);
  await server.rules!.activate('alice@example.test', 'main');

  const transport = nodemailer.createTransport({ host: smtp!.host, port: smtp!.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'billing@shop.example', to: 'alice@example.test', subject: 'Your invoice 1234', text: 'Amount due: 12 EUR' });
  await transport.sendMail({ from: 'bob@example.org', to: 'alice@example.test', subject: 'Lunch on Friday?', text: 'Noon?' });
  transport.close();

  const [invoice] = await server.store.listMessages('alice@example.test', 'Invoices');
  assert.ok(invoice, 'the invoice was filed into Invoices');
  console.log(`Invoices: uid ${invoice.uid}, flags ${invoice.flags.join(' ')}`);

  const explanation = await server.explainDelivery('alice@example.test', 'Invoices', invoice.uid);
  console.log('why it landed there:');
  for (const entry of explanation?.result.trace ?? []) {
    const where = entry.position === null ? '' : `line ${entry.position.line}: `;
    console.log(`  ${where}${entry.description}${entry.result === undefined ? '' : ` -> ${entry.result}`}`);
  }

  const queued = await server.queue.list();
  assert.equal(queued.length, 1, 'one vacation reply is held in the queue');
  console.log(`queued: ${queued[0]!.reason} to ${queued[0]!.rcptTo.join(', ')} from <${queued[0]!.mailFrom}>`);
} finally {
  await server.close();
}
