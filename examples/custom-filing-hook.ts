// A filing hook: mail whose subject mentions "invoice" goes to an Invoices mailbox (created on
// first use); everything else falls through to the default, INBOX.
// Run it with: node --import tsx examples/custom-filing-hook.ts
import nodemailer from 'nodemailer';
import { createMailServer, memoryStore, type FilingAction, type FilingContext, type FilingHook } from 'posthouse';

/** Files invoices into `Invoices`; has no opinion on anything else. */
const invoiceHook: FilingHook = {
  name: 'invoices',
  async decide(context: FilingContext): Promise<FilingAction[] | undefined> {
    // Header names arrive lower-cased; values are raw (encoded words not decoded).
    const subject = context.headers.find((field) => field.name === 'subject')?.value ?? '';
    if (!/invoice/i.test(subject)) return undefined; // no opinion: the next hook, then INBOX
    return [{ type: 'fileinto', mailbox: 'Invoices', create: true, flags: ['$Invoice'] }];
  },
};

const server = createMailServer({
  hostname: 'mx.example.test',
  store: memoryStore(),
  smtp: { host: '127.0.0.1', port: 0 },
  hooks: [invoiceHook],
});

try {
  const { smtp } = await server.listen();
  await server.directory.addAccount('alice@example.test', { createDomain: true });
  server.on('delivered', ({ mailbox, uid }) => console.log(`delivered: uid ${uid} in ${mailbox}`));

  const transport = nodemailer.createTransport({ host: smtp!.host, port: smtp!.port, secure: false });
  for (const subject of ['Invoice #1042 for March', 'Lunch on Friday?', 'Your invoice is ready']) {
    await transport.sendMail({ from: 'someone@shop.example', to: 'alice@example.test', subject, text: subject });
  }
  transport.close();
  await server.deliverer.idle(); // summaries are recorded just after the 250; wait for them

  for (const mailbox of await server.store.listMailboxes('alice@example.test')) {
    if (mailbox.messages === 0) continue;
    const messages = await server.store.listMessages('alice@example.test', mailbox.name);
    const lines = messages.map((message) => `  uid ${message.uid} [${message.flags.join(' ')}] ${message.summary?.subject}`);
    console.log(`${mailbox.name}: ${mailbox.messages} message(s)\n${lines.join('\n')}`);
  }
  const invoices = await server.store.mailboxStatus('alice@example.test', 'Invoices');
  if (invoices?.messages !== 2) throw new Error(`expected 2 messages in Invoices, found ${invoices?.messages ?? 'no mailbox'}`);
} finally {
  await server.close();
}
