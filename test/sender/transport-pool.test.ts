import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferSource } from '../../src/core/message-source.js';
import type { Transport, TransportAttempt } from '../../src/interfaces/sender.js';
import { mapResolver, mxTransport, smartHostTransport } from '../../src/sender/transport/index.js';
import type { SessionPoolLimits } from '../../src/sender/transport/session-pool.js';
import { startRemote, type TestRemote } from './transport-remote.js';

const resolver = mapResolver({
  'example.test': { mx: [{ exchange: 'mx.example.test', priority: 10 }] },
  'mx.example.test': { a: ['127.0.0.1'] },
});

/** A message whose body names its recipient, so an interleaved transaction would show. */
function attemptFor(recipient: string): TransportAttempt {
  const raw = `From: a@sender.test\r\nTo: ${recipient}\r\nSubject: pooled\r\n\r\nfor ${recipient}\r\n`;
  return { mailFrom: 'a@sender.test', recipients: [recipient], domain: 'example.test', source: bufferSource(raw) };
}

/** Sends one message after the other and returns each status. */
async function sendInSequence(transport: Transport, count: number, prefix = 'r'): Promise<string[]> {
  const statuses: string[] = [];
  for (let index = 0; index < count; index++) {
    const [result] = await transport.send(attemptFor(`${prefix}${index}@example.test`));
    statuses.push(result?.status ?? 'missing');
  }
  return statuses;
}

describe('mxTransport connection reuse', () => {
  let remote: TestRemote;
  const transports: Transport[] = [];
  const transportWith = (pool?: SessionPoolLimits): Transport => {
    const transport = mxTransport({ hostname: 'out.sender.test', port: remote.port, resolver, ...(pool ? { pool } : {}) });
    transports.push(transport);
    return transport;
  };
  beforeEach(async () => {
    remote = await startRemote({ rcpt: (address) => (address.startsWith('nobody') ? { code: 550, text: '5.1.1 no such user' } : undefined) });
  });
  afterEach(async () => {
    await Promise.all(transports.splice(0).map((transport) => transport.close()));
    await remote.close();
  });

  test('20 messages to one domain in sequence share one connection', async () => {
    const statuses = await sendInSequence(transportWith(), 20);
    assert.deepEqual(statuses, Array(20).fill('delivered'));
    assert.equal(remote.received.length, 20);
    assert.equal(remote.sessions.opened, 1);
  });

  test('with reuse turned off (idle time 0), each message opens its own connection', async () => {
    await sendInSequence(transportWith({ idleMs: 0 }), 3);
    assert.equal(remote.sessions.opened, 3);
  });

  test('a connection carries at most maxTransactions transactions', async () => {
    const statuses = await sendInSequence(transportWith({ maxTransactions: 3 }), 7);
    assert.deepEqual(statuses, Array(7).fill('delivered'));
    assert.equal(remote.sessions.opened, 3);
  });

  test('a connection idle past the idle time is QUIT and the next message opens a new one', async () => {
    const transport = transportWith({ idleMs: 50 });
    await sendInSequence(transport, 1);
    await remote.untilEnded(1);
    const statuses = await sendInSequence(transport, 1, 'later');
    assert.deepEqual(statuses, ['delivered']);
    assert.equal(remote.sessions.opened, 2);
  });

  test('a connection the remote closed between transactions is dropped; the next message goes on a new one', async () => {
    const transport = transportWith();
    await sendInSequence(transport, 1);
    remote.dropSessions();
    await remote.untilEnded(1);
    assert.deepEqual(await sendInSequence(transport, 1, 'after'), ['delivered']);
    assert.equal(remote.sessions.opened, 2);
    assert.equal(remote.received.length, 2);
  });

  test('a connection closed by the remote just as the next transaction starts is retried on a fresh one', async () => {
    const transport = transportWith();
    await sendInSequence(transport, 1);
    remote.dropSessions();
    // No waiting: the close may or may not have reached the client when MAIL FROM goes out.
    assert.deepEqual(await sendInSequence(transport, 1, 'racing'), ['delivered']);
    assert.equal(remote.received.length, 2);
    assert.equal(remote.sessions.opened, 2);
  });

  test('a refused transaction leaves the connection usable for the next (RSET in between)', async () => {
    const transport = transportWith();
    const [refused] = await transport.send(attemptFor('nobody@example.test'));
    assert.equal(refused?.status, 'failed');
    assert.deepEqual(await sendInSequence(transport, 2), ['delivered', 'delivered']);
    assert.equal(remote.sessions.opened, 1);
  });

  test('close() QUITs pooled connections: the remote sees the session end', async () => {
    const transport = transportWith();
    await sendInSequence(transport, 2);
    assert.equal(remote.sessions.ended, 0);
    await transport.close();
    await remote.untilEnded(1);
    assert.equal(remote.sessions.ended, remote.sessions.opened);
  });

  test('concurrent sends to one destination never share a connection mid-transaction', async () => {
    const transport = transportWith();
    const recipients = Array.from({ length: 12 }, (_, index) => `c${index}@example.test`);
    for (let round = 0; round < 2; round++) {
      const results = await Promise.all(recipients.map((recipient) => transport.send(attemptFor(recipient))));
      assert.deepEqual(results.map((result) => result[0]?.status), Array(12).fill('delivered'));
    }
    assert.equal(remote.received.length, 24);
    for (const transaction of remote.received) {
      const recipient = transaction.recipients.map((rcpt) => rcpt.address);
      assert.equal(recipient.length, 1);
      assert.match(transaction.raw.toString(), new RegExp(`for ${recipient[0]}\\r\\n$`));
    }
    // The second round reused the sessions the first kept idle (4 per destination by default).
    assert.ok(remote.sessions.opened < 24, `opened ${remote.sessions.opened}`);
  });
});

describe('smartHostTransport connection reuse', () => {
  let relay: TestRemote;
  beforeEach(async () => {
    relay = await startRemote();
  });
  afterEach(() => relay.close());

  test('messages in sequence share one connection, which close() QUITs', async () => {
    const transport = smartHostTransport({ host: '127.0.0.1', port: relay.port, hostname: 'out.sender.test', secure: false });
    try {
      assert.deepEqual(await sendInSequence(transport, 5), Array(5).fill('delivered'));
      assert.equal(relay.sessions.opened, 1);
      relay.dropSessions();
      assert.deepEqual(await sendInSequence(transport, 1, 'after'), ['delivered']);
      assert.equal(relay.sessions.opened, 2);
    } finally {
      await transport.close();
    }
    await relay.untilEnded(2);
    assert.equal(relay.sessions.ended, 2);
  });
});
