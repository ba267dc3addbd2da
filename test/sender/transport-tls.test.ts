import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferSource } from '../../src/core/message-source.js';
import { generateDevCertificate } from '../../src/receiver/index.js';
import type { Transport, TransportAttempt } from '../../src/interfaces/sender.js';
import { mapResolver, mxTransport, sandboxTransport, smartHostTransport } from '../../src/sender/transport/index.js';
import { startRemote, type TestRemote } from './transport-remote.js';

const MESSAGE = 'From: a@sender.test\r\nSubject: tls\r\n\r\nover tls\r\n';
const attempt: TransportAttempt = { mailFrom: 'a@sender.test', recipients: ['b@example.test'], domain: 'example.test', source: bufferSource(MESSAGE) };
const resolver = mapResolver({
  'example.test': { mx: [{ exchange: 'mx.example.test', priority: 10 }] },
  'mx.example.test': { a: ['127.0.0.1'] },
});

const transports: Transport[] = [];

/** Keeps the transport for closing: its pooled sessions would hold the remote's close back. */
function kept<T extends Transport>(transport: T): T {
  transports.push(transport);
  return transport;
}

/** QUITs the sessions the transports keep. */
async function closeTransports(): Promise<void> {
  await Promise.all(transports.splice(0).map((transport) => transport.close()));
}

describe('STARTTLS to MX hosts', () => {
  let tlsRemote: TestRemote;
  let plainRemote: TestRemote;
  before(async () => {
    tlsRemote = await startRemote({ tls: await generateDevCertificate('mx.example.test') });
    plainRemote = await startRemote();
  });
  after(async () => {
    await closeTransports();
    await tlsRemote.close();
    await plainRemote.close();
  });

  test('upgrades with STARTTLS when offered, without verifying the certificate (opportunistic, RFC 7435)', async () => {
    const [result] = await kept(mxTransport({ hostname: 'out.sender.test', port: tlsRemote.port, resolver })).send(attempt);
    assert.equal(result?.status, 'delivered');
    assert.equal(tlsRemote.received.at(-1)?.secure, true);
  });

  test('sends in plaintext when the server does not offer STARTTLS', async () => {
    const [result] = await kept(mxTransport({ hostname: 'out.sender.test', port: plainRemote.port, resolver })).send(attempt);
    assert.equal(result?.status, 'delivered');
    assert.equal(plainRemote.received.at(-1)?.secure, false);
  });

  test('with requireTls, a certificate that does not verify defers with 4.7.5 and sends nothing', async () => {
    const before = tlsRemote.received.length;
    const [result] = await kept(mxTransport({ hostname: 'out.sender.test', port: tlsRemote.port, resolver, requireTls: true })).send(attempt);
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.7.5');
    assert.equal(tlsRemote.received.length, before);
  });

  test('with requireTls, a server without STARTTLS defers with 4.7.10', async () => {
    const before = plainRemote.received.length;
    const [result] = await kept(mxTransport({ hostname: 'out.sender.test', port: plainRemote.port, resolver, requireTls: true })).send(attempt);
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.7.10');
    assert.equal(plainRemote.received.length, before);
  });
});

describe('smartHostTransport', () => {
  let relay: TestRemote;
  let plainRelay: TestRemote;
  before(async () => {
    relay = await startRemote({ tls: await generateDevCertificate('relay.test'), users: { relayuser: 'relay-secret' } });
    plainRelay = await startRemote({ users: { relayuser: 'relay-secret' } });
  });
  after(async () => {
    await closeTransports();
    await relay.close();
    await plainRelay.close();
  });

  // The relay's certificate is a throw-away dev certificate, so the test turns verification off.
  const options = (port: number, pass = 'relay-secret') => ({
    host: '127.0.0.1',
    port,
    hostname: 'out.sender.test',
    auth: { user: 'relayuser', pass },
    tls: { rejectUnauthorized: false },
  });

  test('relays any domain through the upstream after STARTTLS and AUTH', async () => {
    const results = await kept(smartHostTransport(options(relay.port))).send({ ...attempt, domain: 'elsewhere.test', recipients: ['x@elsewhere.test'] });
    assert.deepEqual(results.map((result) => [result.recipient, result.status, result.remoteHost]), [['x@elsewhere.test', 'delivered', '127.0.0.1']]);
    const received = relay.received.at(-1)!;
    assert.equal(received.user, 'relayuser');
    assert.equal(received.secure, true);
    assert.equal(received.raw.toString(), MESSAGE);
  });

  test('refused credentials defer with 4.7.8, never bounce', async () => {
    const before = relay.received.length;
    const [result] = await kept(smartHostTransport(options(relay.port, 'wrong'))).send(attempt);
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.7.8');
    assert.equal(result?.responseCode, 535);
    assert.equal(relay.received.length, before);
  });

  test('never sends credentials in plaintext: a relay without STARTTLS defers with 4.7.10', async () => {
    const [result] = await kept(smartHostTransport(options(plainRelay.port))).send(attempt);
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.7.10');
    assert.equal(plainRelay.received.length, 0);
  });

  test('a relay that is down defers with 4.4.1', async () => {
    const down = await startRemote();
    const port = down.port;
    await down.close();
    const [result] = await kept(smartHostTransport(options(port))).send(attempt);
    assert.equal(result?.status, 'deferred');
    assert.equal(result?.enhancedCode, '4.4.1');
  });
});

describe('sandboxTransport', () => {
  test('captures each attempt with its bytes and answers delivered', async () => {
    const transport = sandboxTransport();
    const results = await transport.send(attempt);
    assert.equal(results[0]?.status, 'delivered');
    assert.equal(transport.sent.length, 1);
    assert.equal(transport.sent[0]?.attempt.recipients[0], 'b@example.test');
    assert.equal(transport.sent[0]?.raw.toString(), MESSAGE);
  });
});
