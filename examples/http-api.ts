// Starts a server with its HTTP API, creates an API key for one domain, delivers a message over
// SMTP and lists it over HTTP. Run: npx tsx examples/http-api.ts
import nodemailer from 'nodemailer';
import { createMailServer } from 'posthouse';

const server = createMailServer({ hostname: 'mx.example.test', smtp: { port: 0 }, http: { port: 0 } });
const addresses = await server.listen();
await server.directory.addAccount('alice@example.test', { password: 's3cret', createDomain: true });

// Keys are shown once; the store keeps only their SHA-256.
const { key } = await server.http.keys.create({ kind: 'domain', domain: 'example.test' });

const transport = nodemailer.createTransport({ host: '127.0.0.1', port: addresses.smtp!.port, secure: false, ignoreTLS: true });
await transport.sendMail({ from: 'shop@vendor.test', to: 'alice@example.test', subject: 'Your order', text: 'It ships today.' });

const api = `http://127.0.0.1:${addresses.http!.port}/api`;
const response = await fetch(`${api}/accounts/alice@example.test/mailboxes/INBOX/messages`, { headers: { authorization: `Bearer ${key}` } });
const { messages } = (await response.json()) as { messages: Array<{ uid: number; subject: string; from: Array<{ address: string }> }> };
for (const message of messages) console.log(`${message.uid}\t${message.from[0]?.address}\t${message.subject}`);

await server.close();
if (messages.length !== 1) process.exit(1);
