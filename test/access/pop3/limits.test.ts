import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startPop3 } from './fixture.js';
import { Pop3Client } from './pop3-client.js';

describe('pop3 limits', () => {
  it('answers a line over the bound with -ERR and goes on with the session', async () => {
    const pop3 = await startPop3({ limits: { maxLineLength: 100 } });
    try {
      const { client } = await Pop3Client.connect(pop3.port);
      assert.equal(await client.command(`NOOP ${'x'.repeat(200)}`), '-ERR Line too long.');
      // A huge line in many packets is dropped as it comes, then answered once.
      for (let index = 0; index < 50; index += 1) client.send('y'.repeat(10_000));
      assert.equal(await client.command(''), '-ERR Line too long.');
      assert.equal(await client.command(`USER ${'u'.repeat(95)}`), '+OK');
      assert.equal(await client.command('QUIT'), '+OK Logging out');
    } finally {
      await pop3.close();
    }
  });

  it('refuses connections over the per-address limit with [SYS/TEMP], and counts closed ones out', async () => {
    const pop3 = await startPop3({ limits: { maxConnectionsPerIp: 2 } });
    try {
      const first = await Pop3Client.connect(pop3.port);
      await Pop3Client.connect(pop3.port);
      const { client, greeting } = await Pop3Client.connect(pop3.port);
      assert.equal(greeting, '-ERR [SYS/TEMP] Too many connections from your address.');
      await client.waitClosed();
      assert.equal(await first.client.command('QUIT'), '+OK Logging out');
      await first.client.waitClosed();
      let admitted = '';
      for (let attempt = 0; attempt < 50 && !admitted.startsWith('+OK'); attempt += 1) {
        const next = await Pop3Client.connect(pop3.port);
        admitted = next.greeting;
        if (!admitted.startsWith('+OK')) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.equal(admitted, '+OK pop.example.test posthouse POP3 ready.');
    } finally {
      await pop3.close();
    }
  });

  it('closes an idle session with -ERR and releases its maildrop lock, deleting nothing', async () => {
    const pop3 = await startPop3({ limits: { idleTimeoutMs: 300 } });
    try {
      await pop3.append('Subject: keep\r\n\r\nx\r\n');
      const client = await pop3.login();
      assert.equal(await client.command('DELE 1'), '+OK Marked to be deleted.');
      assert.equal(await client.line(), '-ERR Disconnected for inactivity.');
      await client.waitClosed();
      assert.equal((await pop3.store.listMessages('alice@example.test', 'INBOX')).length, 1);
      const again = await pop3.login();
      assert.equal(await again.command('STAT'), '+OK 1 20');
    } finally {
      await pop3.close();
    }
  });

  it('says goodbye to waiting sessions when the server closes, deleting nothing', async () => {
    const pop3 = await startPop3();
    await pop3.append('Subject: keep\r\n\r\nx\r\n');
    const client = await pop3.login();
    assert.equal(await client.command('DELE 1'), '+OK Marked to be deleted.');
    const closing = pop3.server.close({ graceMs: 1000 });
    assert.equal(await client.line(), '-ERR [SYS/TEMP] Server shutting down.');
    await closing;
    assert.equal((await pop3.store.listMessages('alice@example.test', 'INBOX')).length, 1);
    await pop3.close();
  });
});
