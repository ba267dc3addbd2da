import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import type { SessionInfo } from '../../src/interfaces/envelope.js';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { ehlo, startReceiver } from './helpers.js';

const plain = (user: string, password: string) => Buffer.from(`\0${user}\0${password}`).toString('base64');

async function authenticate(username: string, password: string, _session: SessionInfo): Promise<string | null> {
  return username === 'alice' && password === 's3cret' ? 'alice@example.test' : null;
}

describe('AUTH', () => {
  let tls: { key: string; cert: string };
  before(async () => {
    tls = await generateDevCertificate('mx.test');
  });

  it('refuses AUTH over clear text with 538 5.7.11, even without STARTTLS on offer', async () => {
    const harness = await startReceiver({ authenticate });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 's3cret')}`), '538 5.7.11 Encryption required for requested authentication mechanism');
      assert.equal(await client.command('AUTH LOGIN'), '538 5.7.11 Encryption required for requested authentication mechanism');
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode]), [
        ['auth', 538, '5.7.11'],
        ['auth', 538, '5.7.11'],
      ]);
    } finally {
      await harness.close();
    }
  });

  it('refuses clear-text AUTH before STARTTLS the same way', async () => {
    const harness = await startReceiver({ authenticate, tls });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 's3cret')}`), '538 5.7.11 Encryption required for requested authentication mechanism');
    } finally {
      await harness.close();
    }
  });

  it('with allowInsecureAuth: 535 5.7.8 for wrong credentials, 235 and the account for right ones', async () => {
    const harness = await startReceiver({ authenticate, allowInsecureAuth: true });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 'wrong')}`), '535 5.7.8 Authentication credentials invalid');
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 's3cret')}`), '235 2.7.0 Authentication successful');
      await client.command('MAIL FROM:<alice@example.test>');
      await client.command('RCPT TO:<bob@example.test>');
      assert.equal(harness.agent.checked[0]?.session.authenticatedUser, 'alice@example.test');
      assert.equal(harness.rejected.length, 1);
      assert.equal(harness.rejected[0]?.responseCode, 535);
    } finally {
      await harness.close();
    }
  });

  it('answers 454 4.7.0 when the authenticator itself fails', async () => {
    const harness = await startReceiver({
      authenticate: async () => {
        throw new Error('directory offline');
      },
      allowInsecureAuth: true,
    });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 's3cret')}`), '454 4.7.0 Temporary authentication failure');
    } finally {
      await harness.close();
    }
  });

  it('STARTTLS with nodemailer (requireTLS), then AUTH and delivery over it as ESMTPSA', async () => {
    const harness = await startReceiver({ authenticate, tls });
    try {
      const transport = nodemailer.createTransport({
        host: '127.0.0.1',
        port: harness.port,
        secure: false,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
        auth: { user: 'alice', pass: 's3cret' },
      });
      const info = await transport.sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: 'over TLS', text: 'hello' });
      transport.close();
      assert.match(info.response, /^250 2\.0\.0 Ok: queued as [0-9A-F]{16}$/);
      const [message] = harness.agent.messages;
      assert.ok(message);
      assert.equal(message.envelope.session.secure, true);
      assert.equal(message.envelope.session.authenticatedUser, 'alice@example.test');
      assert.match(message.bytes.toString(), /^Received: from [^\r\n]+\r\n\tby mx\.test with ESMTPSA id /);
    } finally {
      await harness.close();
    }
  });

  it('implicit TLS: the session is secure from the first byte and offers AUTH, not STARTTLS', async () => {
    const harness = await startReceiver({ authenticate, tls, implicitTls: true });
    try {
      const { client, lines } = await ehlo(harness.port, 'client.test', { tls: true });
      assert.ok(lines.includes('250-AUTH PLAIN LOGIN'));
      assert.ok(!lines.some((line) => line.includes('STARTTLS')));
      assert.equal(await client.command(`AUTH PLAIN ${plain('alice', 's3cret')}`), '235 2.7.0 Authentication successful');
      client.destroy();
      const transport = nodemailer.createTransport({
        host: '127.0.0.1', port: harness.port, secure: true, tls: { rejectUnauthorized: false }, auth: { user: 'alice', pass: 's3cret' },
      });
      await transport.sendMail({ from: 'alice@example.test', to: 'bob@example.test', subject: 'implicit', text: 'hi' });
      transport.close();
      assert.equal(harness.agent.messages.length, 1);
      assert.match(harness.agent.messages[0]!.bytes.toString(), /with ESMTPSA id/);
    } finally {
      await harness.close();
    }
  });
});
