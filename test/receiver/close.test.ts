import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { ehlo, openTransaction, startReceiver } from './helpers.js';

function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('close', () => {
  it('lets a session in the middle of DATA get its 250 within the grace period and refuses new connections', async () => {
    const harness = await startReceiver();
    let release!: () => void;
    harness.agent.gate = new Promise<void>((resolve) => (release = resolve));
    const { client } = await ehlo(harness.port);
    await openTransaction(client);
    client.write('Subject: last one\r\n\r\nbody\r\n.\r\n');
    await harness.agent.deliverCalled;
    const closing = harness.receiver.close({ graceMs: 10_000 });
    assert.equal(await connectionRefused(harness.port), true);
    release();
    assert.match(await client.line(), /^250 2\.0\.0 Ok: queued as /);
    assert.equal(await client.command('QUIT'), '421 4.4.2 Server shutting down');
    await closing;
    assert.equal(harness.agent.messages.length, 1);
    assert.equal(harness.receiver.address, null);
  });

  it('tells sessions still open after the grace period 421 and destroys them', async () => {
    const harness = await startReceiver();
    const { client } = await ehlo(harness.port);
    await harness.receiver.close({ graceMs: 50 });
    assert.equal(await client.line(), '421 4.4.2 Server shutting down');
    await client.closed();
  });
});
