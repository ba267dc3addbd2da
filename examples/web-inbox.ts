// Starts a server with the web inbox at http://127.0.0.1:<port>/, delivers a message over SMTP,
// then fetches the page, its script and the API answer the page shows. Open the printed address in
// a browser to read the mail (sign in as alice@example.test with password s3cret, or the key).
// Run: npx tsx examples/web-inbox.ts   (KEEP_RUNNING=1 to keep it open)
import nodemailer from 'nodemailer';
import { createMailServer } from 'posthouse';

const server = createMailServer({
  hostname: 'mx.example.test',
  smtp: { port: 0 },
  // The inbox is on by default (`inbox: false` turns it off). Basic auth over plain HTTP is for
  // loopback development only; in production put TLS in front.
  http: { port: 0, allowInsecureAuth: true },
});
const addresses = await server.listen();
await server.directory.addAccount('alice@example.test', { password: 's3cret', createDomain: true });
const { key } = await server.http.keys.create({ kind: 'account', account: 'alice@example.test' });

const transport = nodemailer.createTransport({ host: '127.0.0.1', port: addresses.smtp!.port, secure: false, ignoreTLS: true });
await transport.sendMail({ from: '"Shop" <shop@vendor.test>', to: 'alice@example.test', subject: 'Your order', html: '<p>It ships <b>today</b>.</p>' });

const url = `http://127.0.0.1:${addresses.http!.port}`;
const page = await fetch(`${url}/`);
const html = await page.text();
const script = /src="([^"]+\.js)"/.exec(html)?.[1];
const scriptAnswer = script === undefined ? null : await fetch(`${url}${script}`);
const list = await fetch(`${url}/api/accounts/alice@example.test/mailboxes/INBOX/messages`, { headers: { authorization: `Bearer ${key}` } });
const { messages } = (await list.json()) as { messages: Array<{ subject: string }> };

console.log(`inbox: ${url}/  (${page.headers.get('content-type')}, script ${script} ${scriptAnswer?.status})`);
console.log(`policy: ${page.headers.get('content-security-policy')}`);
console.log(`the list the page shows: ${messages.map((message) => message.subject).join(', ')}`);
console.log(`sign in as alice@example.test / s3cret, or with the key ${key}`);

const ok = page.status === 200 && html.includes('id="app"') && scriptAnswer?.status === 200 && messages[0]?.subject === 'Your order';
if (process.env['KEEP_RUNNING'] !== '1') await server.close();
if (!ok) process.exit(1);
