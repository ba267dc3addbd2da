import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { generateDevCertificate } from '../../src/receiver/index.js';
import { ehlo, RawClient, startReceiver } from './helpers.js';

const SIZE = 25 * 1024 * 1024;

describe('greeting and EHLO', () => {
  let tls: { key: string; cert: string };
  before(async () => {
    tls = await generateDevCertificate('mx.test');
  });

  it('greets with the hostname and advertises the extensions, without STARTTLS or AUTH when not configured', async () => {
    const harness = await startReceiver();
    try {
      const client = await RawClient.connect(harness.port);
      assert.deepEqual(await client.reply(), ['220 mx.test ESMTP']);
      client.write('EHLO client.test\r\n');
      assert.deepEqual(await client.reply(), [
        '250-mx.test',
        '250-PIPELINING',
        '250-8BITMIME',
        '250-SMTPUTF8',
        '250-ENHANCEDSTATUSCODES',
        `250 SIZE ${SIZE}`,
      ]);
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('QUIT'), '221 2.0.0 Bye');
    } finally {
      await harness.close();
    }
  });

  it('offers STARTTLS but not AUTH before TLS, and AUTH after it', async () => {
    const harness = await startReceiver({ tls, authenticate: async () => 'alice@example.test' });
    try {
      const { client, lines } = await ehlo(harness.port);
      assert.deepEqual(lines, ['250-mx.test', '250-PIPELINING', '250-8BITMIME', '250-SMTPUTF8', '250-ENHANCEDSTATUSCODES', '250-STARTTLS', `250 SIZE ${SIZE}`]);
      assert.equal(await client.command('STARTTLS'), '220 2.0.0 Ready to start TLS');
      const secure = await client.startTls();
      secure.write('EHLO client.test\r\n');
      assert.deepEqual(await secure.reply(), [
        '250-mx.test', '250-PIPELINING', '250-8BITMIME', '250-SMTPUTF8', '250-ENHANCEDSTATUSCODES', '250-AUTH PLAIN LOGIN', `250 SIZE ${SIZE}`,
      ]);
      secure.destroy();
    } finally {
      await harness.close();
    }
  });

  it('offers AUTH PLAIN LOGIN in clear text only with allowInsecureAuth', async () => {
    const harness = await startReceiver({ authenticate: async () => 'alice@example.test', allowInsecureAuth: true });
    try {
      const { lines } = await ehlo(harness.port);
      assert.ok(lines.includes('250-AUTH PLAIN LOGIN'), lines.join('\n'));
      assert.ok(!lines.some((line) => line.includes('STARTTLS')));
    } finally {
      await harness.close();
    }
  });

  it('answers protocol errors with enhanced codes and reports them', async () => {
    const harness = await startReceiver();
    try {
      const client = await RawClient.open(harness.port);
      assert.equal(await client.command('MAIL FROM:<a@b.test>'), '503 5.5.1 Error: send HELO/EHLO first');
      assert.equal(await client.command('EHLO'), '501 5.5.4 Error: syntax: EHLO hostname');
      assert.equal(await client.command('HELO client.test'), '250 mx.test');
      assert.equal(await client.command('DATA'), '503 5.5.1 Error: need RCPT command');
      assert.equal(await client.command('FOO'), '500 5.5.2 Error: command not recognized');
      assert.deepEqual(
        harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode, event.remoteAddress]),
        [
          ['mail', 503, '5.5.1', '127.0.0.1'],
          ['helo', 501, '5.5.4', '127.0.0.1'],
          ['data', 503, '5.5.1', '127.0.0.1'],
          ['connect', 500, '5.5.2', '127.0.0.1'],
        ],
      );
    } finally {
      await harness.close();
    }
  });
});
