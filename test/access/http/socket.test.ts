import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { test } from 'node:test';
import { promisify } from 'node:util';
import nodemailer from 'nodemailer';
import { startTestServer } from '../../../src/testing/index.js';

const run = promisify(execFile);

test('over a real socket: SSE receives a message delivered over SMTP, then fetch and curl list and download it', async () => {
  const mail = await startTestServer();
  try {
    const controller = new AbortController();
    const events = await fetch(`${mail.http.url}/api/events`, { signal: controller.signal });
    assert.equal(events.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = events.body!.getReader();
    await reader.read();
    const transport = nodemailer.createTransport({ host: mail.smtp.host, port: mail.smtp.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'app@service.test', to: 'user@inbox.test', subject: 'Welcome', text: 'hi there' });
    let text = '';
    while (!/event: received/.test(text) || !/event: delivered/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /event: delivered\ndata: \{[^\n]*"account":"user@inbox\.test"/);
    controller.abort();
    await reader.cancel().catch(() => {});

    const list = (await (await fetch(`${mail.http.url}/api/accounts/user@inbox.test/mailboxes/INBOX/messages`)).json()) as { messages: Array<{ subject: string; uid: number }> };
    assert.equal(list.messages[0]?.subject, 'Welcome');
    const { stdout } = await run('curl', ['-sS', '-i', `${mail.http.url}/api/accounts/user%40inbox.test/mailboxes/INBOX/messages/${list.messages[0]!.uid}/raw`]);
    assert.match(stdout, /^HTTP\/1\.1 200/);
    assert.match(stdout, /content-type: message\/rfc822/i);
    assert.match(stdout, /Subject: Welcome/);
  } finally {
    await mail.close();
  }
});

test('the node handler mounts in node:http (as in Express) and answers JSON errors', async () => {
  const mail = await startTestServer();
  const host = createServer((request, response) => void mail.server.http.nodeHandler(request, response));
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  try {
    const port = (host.address() as { port: number }).port;
    const { stdout } = await run('curl', ['-sS', '-X', 'POST', '-H', 'content-type: application/json', '-d', '{"domain":1}', `http://127.0.0.1:${port}/api/domains`]);
    assert.deepEqual(JSON.parse(stdout), { error: { code: 'HTTP_REQUEST_INVALID', message: 'body.domain must be a string' } });
  } finally {
    await new Promise<void>((resolve) => host.close(() => resolve()));
    await mail.close();
  }
});
