// Embeds a posthouse server in an application: a LevelDB store in a temporary directory, one
// domain, one account, one alias, then a message sent with nodemailer to the alias.
// Run it with: node --import tsx examples/embed-server.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { createMailServer, levelStore, type DeliveredEvent } from 'posthouse';

const dataDirectory = await mkdtemp(join(tmpdir(), 'posthouse-embed-'));
const server = createMailServer({
  hostname: 'mx.example.test',
  store: levelStore({ path: dataDirectory }),
  smtp: { host: '127.0.0.1', port: 0 }, // port 0: the system picks a free port
});

try {
  const { smtp } = await server.listen();
  console.log(`SMTP listening on ${smtp!.host}:${smtp!.port}, data in ${dataDirectory}`);

  await server.directory.addDomain('example.test');
  await server.directory.addAccount('alice@example.test', { password: 's3cret' });
  await server.directory.addAlias('team@example.test', ['alice@example.test']);
  console.log('directory: domain example.test, account alice@example.test, alias team@example.test -> alice@example.test');

  // `delivered` fires once per mailbox copy, after the copy is durable.
  const delivered = new Promise<DeliveredEvent>((resolve) => server.once('delivered', resolve));

  const transport = nodemailer.createTransport({ host: smtp!.host, port: smtp!.port, secure: false });
  const info = await transport.sendMail({
    from: 'billing@shop.example',
    to: 'team@example.test',
    subject: 'Hello team',
    text: 'Sent to the alias, filed for Alice.',
  });
  transport.close();
  console.log(`server replied: ${info.response}`);

  const { recipient, account, mailbox, uid } = await delivered;
  console.log(`delivered: ${recipient} -> ${account}, mailbox ${mailbox}, uid ${uid}`);

  const [stored] = await server.store.listMessages(account, mailbox);
  console.log(`stored: ${stored!.size} bytes, blob ${stored!.blobId.slice(0, 12)}…`);
} finally {
  await server.close();
  await rm(dataDirectory, { recursive: true, force: true });
}
