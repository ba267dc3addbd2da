import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferSource } from '../../src/core/message-source.js';
import type { Transport, TransportAttempt } from '../../src/interfaces/sender.js';
import { mapResolver, mxTransport, type MapResolverRecords } from '../../src/sender/transport/index.js';
import { startRemote, type TestRemote } from './transport-remote.js';

const MESSAGE = 'From: a@sender.test\r\nTo: b@example.test\r\nSubject: hi\r\nMessage-ID: <m1@sender.test>\r\n\r\nhello\r\n';

function attemptFor(recipients: string[], extra: Partial<TransportAttempt> = {}): TransportAttempt {
  return { mailFrom: 'a@sender.test', recipients, domain: 'example.test', source: bufferSource(MESSAGE), ...extra };
}

const transports: Transport[] = [];

/** A transport whose DNS says: example.test's mail goes to the hosts given, all at `port`. */
function transportFor(port: number, records: Record<string, MapResolverRecords>, random?: () => number) {
  const transport = mxTransport({ hostname: 'out.sender.test', port, resolver: mapResolver(records), ...(random ? { random } : {}) });
  transports.push(transport);
  return transport;
}

/** QUITs the sessions the transports keep, so the remote can close without waiting for them. */
async function closeTransports(): Promise<void> {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
}

const viaLoopback = {
  'example.test': { mx: [{ exchange: 'mx.example.test', priority: 10 }] },
  'mx.example.test': { a: ['127.0.0.1'] },
};

describe('mxTransport against a remote that accepts', () => {
  let remote: TestRemote;
  before(async () => {
    remote = await startRemote();
  });
  after(async () => {
    await closeTransports();
    await remote.close();
  });

  test('delivers all recipients of the domain in one transaction', async () => {
    const results = await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test', 'c@example.test']));
    assert.deepEqual(results.map((result) => [result.recipient, result.status, result.responseCode, result.remoteHost]), [
      ['b@example.test', 'delivered', 250, 'mx.example.test'],
      ['c@example.test', 'delivered', 250, 'mx.example.test'],
    ]);
    const received = remote.received.at(-1)!;
    assert.deepEqual(received.recipients.map((rcpt) => rcpt.address), ['b@example.test', 'c@example.test']);
    assert.equal(received.mailFrom, 'a@sender.test');
    assert.equal(received.raw.toString(), MESSAGE);
    assert.equal(received.mailArgs.SIZE, String(Buffer.byteLength(MESSAGE)));
  });

  test('falls back to the A record when the domain has no MX (RFC 5321 §5.1)', async () => {
    const before = remote.received.length;
    const results = await transportFor(remote.port, { 'example.test': { a: ['127.0.0.1'] } }).send(attemptFor(['b@example.test']));
    assert.equal(results[0]?.status, 'delivered');
    assert.equal(results[0]?.remoteHost, 'example.test');
    assert.equal(remote.received.length, before + 1);
  });

  test('tries MX hosts by preference: the first is down, the second answers', async () => {
    const records = {
      'example.test': { mx: [{ exchange: 'backup.example.test', priority: 20 }, { exchange: 'down.example.test', priority: 10 }] },
      'down.example.test': { a: ['127.0.0.2'] },
      'backup.example.test': { a: ['127.0.0.1'] },
    };
    const results = await transportFor(remote.port, records).send(attemptFor(['b@example.test']));
    assert.equal(results[0]?.status, 'delivered');
    assert.equal(results[0]?.remoteHost, 'backup.example.test');
  });

  test('orders hosts of equal preference by the injected random source', async () => {
    const records = {
      'example.test': { mx: [{ exchange: 'one.example.test', priority: 10 }, { exchange: 'two.example.test', priority: 10 }] },
      'one.example.test': { a: ['127.0.0.1'] },
      'two.example.test': { a: ['127.0.0.1'] },
    };
    const sequence = (values: number[]) => () => values.shift() ?? 0;
    const first = await transportFor(remote.port, records, sequence([0.9, 0.1])).send(attemptFor(['b@example.test']));
    const second = await transportFor(remote.port, records, sequence([0.1, 0.9])).send(attemptFor(['b@example.test']));
    assert.equal(first[0]?.remoteHost, 'two.example.test');
    assert.equal(second[0]?.remoteHost, 'one.example.test');
  });

  test('passes SMTPUTF8 and BODY=8BITMIME on for a UTF-8 address and body', async () => {
    const raw = 'From: a@sender.test\r\nSubject: grüße\r\n\r\nschöne grüße\r\n';
    const results = await transportFor(remote.port, viaLoopback).send(attemptFor(['jürgen@example.test'], { source: bufferSource(raw), smtpUtf8: true }));
    assert.equal(results[0]?.status, 'delivered');
    const received = remote.received.at(-1)!;
    assert.equal(received.mailArgs.SMTPUTF8, true);
    assert.equal(received.mailArgs.BODY, '8BITMIME');
    assert.equal(received.recipients[0]?.address, 'jürgen@example.test');
    assert.equal(received.raw.toString('utf8'), raw);
  });

  test('does not claim 8BITMIME for a 7-bit message', async () => {
    await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test']));
    assert.equal(remote.received.at(-1)!.mailArgs.BODY, undefined);
  });

  test('passes the DSN parameters RET and ENVID on (RFC 3461)', async () => {
    await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test'], { dsn: { ret: 'HDRS', envid: 'queue-42' } }));
    const args = remote.received.at(-1)!.mailArgs;
    assert.equal(args.RET, 'HDRS');
    assert.equal(args.ENVID, 'queue-42');
  });

  test('sends the null reverse-path as MAIL FROM:<>', async () => {
    const results = await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test'], { mailFrom: '' }));
    assert.equal(results[0]?.status, 'delivered');
    assert.equal(remote.received.at(-1)!.mailFrom, '');
  });
});

describe('mxTransport refusals', () => {
  let remote: TestRemote;
  before(async () => {
    remote = await startRemote({
      rcpt: (address) =>
        address.startsWith('busy') ? { code: 450, text: '4.2.1 mailbox busy, try later' }
        : address.startsWith('nobody') ? { code: 550, text: '5.1.1 no such user' }
        : undefined,
      data: () => (remote.received.at(-1)?.raw.includes('REFUSE-ME') ? { code: 554, text: '5.6.0 content refused' } : undefined),
    });
  });
  after(async () => {
    await closeTransports();
    await remote.close();
  });

  test('a 4xx at RCPT defers that recipient with the remote code', async () => {
    const [result] = await transportFor(remote.port, viaLoopback).send(attemptFor(['busy@example.test']));
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.responseCode, 450);
    assert.equal(result?.enhancedCode, '4.2.1');
    assert.match(result?.reply ?? '', /mailbox busy/);
    assert.equal(result?.remoteHost, 'mx.example.test');
  });

  test('a 5xx at RCPT fails that recipient', async () => {
    const [result] = await transportFor(remote.port, viaLoopback).send(attemptFor(['nobody@example.test']));
    assert.equal(result?.status, 'failed');
    assert.equal(result?.responseCode, 550);
    assert.equal(result?.enhancedCode, '5.1.1');
  });

  test('a 5xx to one of two recipients: the other is delivered, and only it got the message', async () => {
    const before = remote.received.length;
    const results = await transportFor(remote.port, viaLoopback).send(attemptFor(['nobody@example.test', 'b@example.test']));
    assert.deepEqual(results.map((result) => [result.recipient, result.status, result.responseCode]), [
      ['nobody@example.test', 'failed', 550],
      ['b@example.test', 'delivered', 250],
    ]);
    assert.equal(remote.received.length, before + 1);
    assert.deepEqual(remote.received.at(-1)!.recipients.map((rcpt) => rcpt.address), ['b@example.test']);
  });

  test('a 5xx after DATA fails the accepted recipients and keeps the RCPT refusals', async () => {
    const source = bufferSource('Subject: x\r\n\r\nREFUSE-ME\r\n');
    const results = await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test', 'busy@example.test'], { source }));
    assert.deepEqual(results.map((result) => [result.recipient, result.status, result.responseCode, result.enhancedCode]), [
      ['b@example.test', 'failed', 554, '5.6.0'],
      ['busy@example.test', 'deferred', 450, '4.2.1'],
    ]);
  });
});

describe('mxTransport to a server without SMTPUTF8', () => {
  let remote: TestRemote;
  before(async () => {
    remote = await startRemote({ hideSmtpUtf8: true });
  });
  after(async () => {
    await closeTransports();
    await remote.close();
  });

  test('a UTF-8 address fails with 5.6.7 and nothing is sent (RFC 6531 §3.2)', async () => {
    const [result] = await transportFor(remote.port, viaLoopback).send(attemptFor(['jürgen@example.test'], { smtpUtf8: true }));
    assert.equal(result?.status, 'failed');
    assert.equal(result?.enhancedCode, '5.6.7');
    assert.equal(remote.received.length, 0);
  });

  test('UTF-8 headers alone fail with 5.6.9', async () => {
    const [result] = await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test'], { smtpUtf8: true }));
    assert.equal(result?.enhancedCode, '5.6.9');
  });

  test('an ASCII message still goes', async () => {
    const [result] = await transportFor(remote.port, viaLoopback).send(attemptFor(['b@example.test']));
    assert.equal(result?.status, 'delivered');
  });
});

describe('mxTransport without a usable destination', () => {
  test('an unreachable host defers with 4.4.1 and no reply code', async () => {
    const remote = await startRemote();
    const port = remote.port;
    await remote.close();
    const [result] = await transportFor(port, viaLoopback).send(attemptFor(['b@example.test']));
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.4.1');
    assert.equal(result?.responseCode, null);
  });

  test('a null MX fails with 5.1.10 (RFC 7505) without connecting', async () => {
    const remote = await startRemote();
    try {
      const [result] = await transportFor(remote.port, { 'example.test': { mx: [{ exchange: '', priority: 0 }], a: ['127.0.0.1'] } }).send(attemptFor(['b@example.test']));
      assert.equal(result?.status, 'failed');
      assert.equal(result?.enhancedCode, '5.1.10');
      assert.equal(remote.received.length, 0);
    } finally {
      await closeTransports();
      await remote.close();
    }
  });

  test('a domain that does not exist fails with 5.1.2', async () => {
    const [result] = await transportFor(25, {}).send(attemptFor(['b@example.test']));
    assert.equal(result?.status, 'failed');
    assert.equal(result?.enhancedCode, '5.1.2');
  });

  test('a resolver that fails to answer defers with 4.4.3', async () => {
    const [result] = await transportFor(25, { 'example.test': { error: 'ESERVFAIL' } }).send(attemptFor(['b@example.test']));
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.4.3');
  });

  test('an MX host without an address fails with 5.4.4', async () => {
    const [result] = await transportFor(25, { 'example.test': { mx: [{ exchange: 'gone.example.test', priority: 10 }] } }).send(attemptFor(['b@example.test']));
    assert.equal(result?.status, 'failed');
    assert.equal(result?.enhancedCode, '5.4.4');
  });
});
