// Reads mail over IMAP: a server with one account and a self-signed certificate, a message
// delivered over SMTP, then read with imapflow on the implicit-TLS (993-style) listener.
// Run it with: node --import tsx examples/imap-client.ts
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import { createMailServer, generateDevCertificate } from 'posthouse';

const server = createMailServer({
  hostname: 'mail.example.test',
  tls: await generateDevCertificate('mail.example.test'), // development only: self-signed
  smtp: { host: '127.0.0.1', port: 0 }, // port 0: the system picks a free port
  imap: { host: '127.0.0.1', port: 0, imaps: { host: '127.0.0.1', port: 0 } },
});

try {
  const { smtp, imap, imaps } = await server.listen();
  console.log(`SMTP on ${smtp!.port}, IMAP (STARTTLS) on ${imap!.port}, IMAPS on ${imaps!.port}`);
  await server.directory.addDomain('example.test');
  await server.directory.addAccount('alice@example.test', { password: 's3cret' });

  const delivered = new Promise((resolve) => server.once('delivered', resolve));
  const transport = nodemailer.createTransport({ host: smtp!.host, port: smtp!.port, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'bob@shop.example', to: 'alice@example.test', subject: 'Your order shipped', text: 'It is on its way.' });
  transport.close();
  await delivered;

  // The dev certificate is self-signed, so this client is told to accept it; a real one is verified.
  const client = new ImapFlow({
    host: imaps!.host,
    port: imaps!.port,
    secure: true,
    tls: { rejectUnauthorized: false },
    auth: { user: 'alice@example.test', pass: 's3cret' },
    logger: false,
  });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    for await (const message of client.fetch('1:*', { envelope: true, flags: true })) {
      console.log(`#${message.seq} "${message.envelope?.subject}" from ${message.envelope?.from?.[0]?.address}, flags: [${[...(message.flags ?? [])].join(' ')}]`);
    }
    await client.messageFlagsAdd('1', ['\\Seen']);
    const seen = await client.fetchOne('1', { flags: true });
    const flags = seen === false ? [] : [...(seen.flags ?? [])];
    console.log(`after STORE +FLAGS \\Seen: [${flags.join(' ')}]`);
  } finally {
    await client.logout();
  }
} finally {
  await server.close();
}
