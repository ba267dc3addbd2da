// A SaaS inbound-mail setup in one file: a route POSTs every message for in.example.test to a
// local receiver, which verifies the signature and prints the subject.
// Run: npx tsx examples/inbound-webhooks.ts
import { createServer } from 'node:http';
import nodemailer from 'nodemailer';
import { createMailServer, verifyWebhookSignature, type WebhookPayload } from 'posthouse';

const secret = 'example-secret-0123456789';

// The SaaS application's endpoint (an Express app would do the same; see docs/inbound-webhooks.md).
let resolveReceived: (payload: WebhookPayload) => void = () => {};
const received = new Promise<WebhookPayload>((resolve) => (resolveReceived = resolve));
const app = createServer(async (request, response) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  // Verify the raw bytes, before any JSON parsing.
  if (!verifyWebhookSignature(secret, request.headers['posthouse-signature'] as string | undefined, body)) {
    response.writeHead(400).end();
    console.error('signature did not verify');
    process.exit(1);
  }
  response.writeHead(204).end();
  resolveReceived(JSON.parse(body.toString()) as WebhookPayload);
});
await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
const hookUrl = `http://127.0.0.1:${(app.address() as { port: number }).port}/hooks/mail`;

const server = createMailServer({
  hostname: 'mx.example.test',
  smtp: { port: 0 },
  http: { port: 0 },
  webhooks: { routes: [{ match: { domain: 'in.example.test' }, action: 'post', url: hookUrl, secret }] },
});
const addresses = await server.listen();

const transport = nodemailer.createTransport({ host: '127.0.0.1', port: addresses.smtp!.port, secure: false, ignoreTLS: true });
await transport.sendMail({ from: 'customer@elsewhere.test', to: 'ticket-42@in.example.test', subject: 'My order has not arrived', text: 'Where is it?' });

const payload = await received;
console.log(`verified webhook: ${payload.subject} (to ${payload.envelope.to.join(', ')})`);
await server.close();
app.close();
