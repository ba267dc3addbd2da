import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ehlo, openTransaction, RawClient, startReceiver } from './helpers.js';

describe('connection and command limits', () => {
  it('refuses connections past maxConnections with 421 4.7.0 and admits again once one leaves', async () => {
    const harness = await startReceiver({ limits: { maxConnections: 2 } });
    try {
      const first = await RawClient.open(harness.port);
      const second = await RawClient.open(harness.port);
      const third = await RawClient.connect(harness.port);
      assert.equal(await third.line(), '421 4.7.0 mx.test Error: too many connections, try again later');
      await third.closed();
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode]), [['connect', 421, '4.7.0']]);
      assert.equal(await first.command('QUIT'), '221 2.0.0 Bye');
      await first.closed();
      // the server counts the session out when it sees the close; try until it has
      let greeting = '';
      for (let attempt = 0; attempt < 50 && !greeting.startsWith('220'); attempt += 1) {
        const next = await RawClient.connect(harness.port);
        greeting = await next.line();
        next.destroy();
      }
      assert.equal(greeting, '220 mx.test ESMTP');
      second.destroy();
    } finally {
      await harness.close();
    }
  });

  it('refuses connections past maxConnectionsPerIp with 421 4.7.0', async () => {
    const harness = await startReceiver({ limits: { maxConnectionsPerIp: 1 } });
    try {
      const first = await RawClient.open(harness.port);
      const second = await RawClient.connect(harness.port);
      assert.equal(await second.line(), '421 4.7.0 mx.test Error: too many connections from your address, try again later');
      await second.closed();
      assert.equal(await first.command('NOOP'), '250 2.0.0 OK');
      first.destroy();
    } finally {
      await harness.close();
    }
  });

  it('closes an idle session with 421 4.4.2', async () => {
    const harness = await startReceiver({ limits: { idleTimeoutMs: 150 } });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.line(), '421 4.4.2 Timeout - closing connection');
      await client.closed();
    } finally {
      await harness.close();
    }
  });

  it('closes a session that sends too many commands outside a transaction with 421 4.7.0', async () => {
    const harness = await startReceiver({ limits: { maxCommandsBeforeMail: 3 } });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('NOOP'), '421 4.7.0 mx.test Error: too many commands before MAIL');
      await client.closed();
    } finally {
      await harness.close();
    }
  });

  it('counts commands again from zero after a mail transaction', async () => {
    const harness = await startReceiver({ limits: { maxCommandsBeforeMail: 3 } });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      await openTransaction(client);
      client.write('Subject: x\r\n\r\nx\r\n.\r\n');
      assert.match(await client.line(), /^250 2\.0\.0 Ok: queued/);
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('NOOP'), '250 2.0.0 OK');
      assert.equal(await client.command('NOOP'), '421 4.7.0 mx.test Error: too many commands before MAIL');
    } finally {
      await harness.close();
    }
  });
});
