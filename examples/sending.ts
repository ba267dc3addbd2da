// Sending mail: a client submits on the submission port (AUTH, then MAIL), posthouse queues the
// message durably and delivers it by MX to another server. Here "another server" is an in-process
// sink on a loopback port, and DNS is a small resolver that points remote.test's MX at it, so the
// example runs offline. Run: npx tsx examples/sending.ts
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createMailServer } from 'posthouse';

// The remote side: a bare SMTP server that keeps what it is given.
let resolveArrived: (text: string) => void = () => undefined;
const arrived = new Promise<string>((resolve) => (resolveArrived = resolve));
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['AUTH', 'STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    const to = session.envelope.rcptTo.map((recipient) => recipient.address).join(', ');
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      callback();
      resolveArrived(`remote got mail for ${to}:\n${Buffer.concat(chunks).toString('utf8')}`);
    });
  },
});
await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
await startSending((sink.server.address() as { port: number }).port);
await new Promise<void>((resolve) => sink.close(() => resolve()));

async function startSending(remotePort: number): Promise<void> {
  // DNS as the sender sees it: remote.test's MX is mx.remote.test, which is 127.0.0.1.
  const records: Record<string, { mx?: Array<{ exchange: string; priority: number }>; a?: string[] }> = {
    'remote.test': { mx: [{ exchange: 'mx.remote.test', priority: 10 }] },
    'mx.remote.test': { a: ['127.0.0.1'] },
  };
  const answer = async <T>(name: string, pick: (entry: (typeof records)[string]) => T[] | undefined): Promise<T[]> => {
    const found = records[name] && pick(records[name]);
    if (found) return found;
    throw Object.assign(new Error(`no record for ${name}`), { code: 'ENOTFOUND' });
  };
  const resolver = {
    resolveMx: (name: string) => answer(name, (entry) => entry.mx),
    resolve4: (name: string) => answer(name, (entry) => entry.a),
    resolve6: (name: string) => answer<string>(name, () => undefined),
    resolveTxt: (name: string) => answer<string[]>(name, () => undefined),
  };

  const server = createMailServer({
    hostname: 'mail.example.com',
    smtp: false,
    // allowInsecureAuth: this example has no certificate; in production give `tls` and drop it
    submission: { port: 0, allowInsecureAuth: true },
    sender: { transport: 'mx', resolver, remoteSmtpPort: remotePort },
  });
  const addresses = await server.listen();
  await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
  server.queue.on('delivered', (event) => console.log(`delivered to ${event.recipient}: ${event.responseCode} ${event.reply}`));

  const client = nodemailer.createTransport({ host: '127.0.0.1', port: addresses.submission!.port, ignoreTLS: true, auth: { user: 'alice@example.com', pass: 's3cret' } });
  await client.sendMail({ from: 'alice@example.com', to: 'bob@remote.test', subject: 'Hello from posthouse', text: 'Sent through the queue.' });
  console.log(await arrived);
  await server.close();
}
