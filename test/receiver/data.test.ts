import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { SmtpError } from '../../src/errors/smtp-error.js';
import { ehlo, openTransaction, startReceiver } from './helpers.js';

const DATE = '(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000';

describe('DATA', () => {
  it('hands the agent the message byte for byte behind a Received header, then answers 250 with its id', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client, 'alice@example.test');
      const body = 'Subject: hi\r\nFrom: <sender@client.test>\r\n\r\nline one\r\n..dotted\r\n';
      client.write(`${body}.\r\n`);
      const reply = await client.line();
      const id = /^250 2\.0\.0 Ok: queued as ([0-9A-F]{16})$/.exec(reply)?.[1];
      assert.ok(id, reply);
      const [message] = harness.agent.messages;
      assert.ok(message);
      assert.equal(message.envelope.id, id);
      assert.equal(message.envelope.mailFrom, 'sender@client.test');
      assert.deepEqual(message.envelope.rcptTo, ['alice@example.test']);
      const text = message.bytes.toString('utf8');
      const header = new RegExp(`^Received: from client\\.test \\(\\[127\\.0\\.0\\.1\\]\\)\\r\\n\\tby mx\\.test with ESMTP id ${id}\\r\\n\\tfor <alice@example\\.test>; ${DATE}\\r\\n`);
      assert.match(text, header);
      assert.equal(text.replace(header, ''), body.replace('..dotted', '.dotted'));
      assert.equal(harness.received.length, 1);
      assert.equal(harness.received[0]?.envelope.id, id);
      assert.equal(harness.received[0]?.size, Buffer.byteLength(body) - 1);
    } finally {
      await harness.close();
    }
  });

  it('answers 250 only once deliver has resolved', async () => {
    const harness = await startReceiver();
    let release!: () => void;
    harness.agent.gate = new Promise<void>((resolve) => (release = resolve));
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      client.write('Subject: wait\r\n\r\nx\r\n.\r\n');
      await harness.agent.deliverCalled;
      client.write('NOOP\r\n');
      // the NOOP is only read after the DATA reply, so nothing at all may have come back yet;
      // a loopback round trip is far shorter than this window
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(client.unread, '');
      assert.equal(harness.received.length, 0);
      release();
      assert.match(await client.line(), /^250 2\.0\.0 Ok: queued as /);
      assert.equal(await client.line(), '250 2.0.0 OK');
      assert.equal(harness.received.length, 1);
    } finally {
      await harness.close();
    }
  });

  it('names no recipient in the Received header when there are several; works with nodemailer', async () => {
    const harness = await startReceiver();
    try {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: harness.port, secure: false, ignoreTLS: true, name: 'nm.client.test' });
      await transport.sendMail({ from: 'sender@client.test', to: ['a@example.test', 'b@example.test'], subject: 'two', text: 'hello' });
      transport.close();
      const text = harness.agent.messages[0]!.bytes.toString();
      assert.match(text, new RegExp(`^Received: from nm\\.client\\.test \\(\\[127\\.0\\.0\\.1\\]\\)\\r\\n\\tby mx\\.test with ESMTP id [0-9A-F]{16}; ${DATE}\\r\\n`));
      assert.deepEqual(harness.agent.messages[0]!.envelope.rcptTo, ['a@example.test', 'b@example.test']);
    } finally {
      await harness.close();
    }
  });

  it("answers the agent's SmtpError as it is, and 451 4.3.0 for anything else", async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      harness.agent.failWith = new SmtpError(554, '5.7.1', 'Message refused');
      await openTransaction(client);
      client.write('Subject: x\r\n\r\nx\r\n.\r\n');
      assert.equal(await client.line(), '554 5.7.1 Message refused');
      harness.agent.failWith = new Error('disk on fire');
      await openTransaction(client);
      client.write('Subject: x\r\n\r\nx\r\n.\r\n');
      assert.equal(await client.line(), '451 4.3.0 Temporary local problem, please try again');
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode]), [
        ['data', 554, '5.7.1'],
        ['data', 451, '4.3.0'],
      ]);
      assert.equal(harness.received.length, 0);
    } finally {
      await harness.close();
    }
  });

  it('refuses a message over the size limit at the end of DATA with 552 5.3.4', async () => {
    const harness = await startReceiver({ limits: { maxMessageBytes: 1000 } });
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      client.write(`Subject: big\r\n\r\n${'x'.repeat(1100)}\r\n.\r\n`);
      assert.equal(await client.line(), '552 5.3.4 Error: message exceeds fixed maximum message size 1000');
      await openTransaction(client);
      client.write(`Subject: fits\r\n\r\n${'x'.repeat(900)}\r\n.\r\n`);
      assert.match(await client.line(), /^250 /);
      assert.equal(harness.agent.messages.length, 1);
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode]), [['data', 552, '5.3.4']]);
    } finally {
      await harness.close();
    }
  });

  it('refuses a header section over maxHeaderBytes with 552 5.3.4 saying header', async () => {
    const harness = await startReceiver({ limits: { maxHeaderBytes: 100 } });
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      // exactly 100 octets of header section pass
      const fits = `X-Pad: ${'p'.repeat(91)}\r\n`;
      assert.equal(fits.length, 100);
      client.write(`${fits}\r\n${'b'.repeat(500)}\r\n.\r\n`);
      assert.match(await client.line(), /^250 /);
      await openTransaction(client);
      client.write(`X-Pad: ${'p'.repeat(92)}\r\n\r\nbody\r\n.\r\n`);
      assert.equal(await client.line(), '552 5.3.4 Error: message header section exceeds 100 bytes');
      assert.equal(harness.agent.messages.length, 1);
    } finally {
      await harness.close();
    }
  });

  it('sends the replies to a pipelined MAIL, RCPT and DATA in one write, and keeps their order around a refusal', async (t) => {
    const harness = await startReceiver();
    // count what the server's sockets hand the kernel: one _write or _writev call is one write
    const serverWrites: string[] = [];
    const prototype = net.Socket.prototype as unknown as Record<'_write' | '_writev', (this: net.Socket, ...args: unknown[]) => unknown>;
    for (const method of ['_write', '_writev'] as const) {
      const original = prototype[method];
      t.mock.method(prototype, method, function (this: net.Socket, ...args: unknown[]) {
        if (this.localPort === harness.port) serverWrites.push(method);
        return original.apply(this, args);
      });
    }
    try {
      const { client } = await ehlo(harness.port);
      serverWrites.length = 0;
      client.write('MAIL FROM:<sender@client.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\n');
      assert.match(await client.line(), /^250 /);
      assert.match(await client.line(), /^250 /);
      assert.match(await client.line(), /^354 /);
      assert.deepEqual(serverWrites, ['_writev']);
      client.write('Subject: one\r\n\r\nbody\r\n.\r\n');
      assert.match(await client.line(), /^250 2\.0\.0 Ok: queued as /);
      client.write('MAIL FROM:<sender@client.test>\r\nRCPT TO:<unknown@example.test>\r\nRCPT TO:<alice@example.test>\r\nRSET\r\n');
      assert.match(await client.line(), /^250 /);
      assert.match(await client.line(), /^550 5\.1\.1 /);
      assert.match(await client.line(), /^250 /);
      assert.match(await client.line(), /^250 /);
    } finally {
      await harness.close();
    }
  });
});
