import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect } from 'node:net';
import { test } from 'node:test';
import { rejectionReason } from '../../../src/access/http/metrics/metrics.js';
import { createMailServer } from '../../../src/server.js';

/** Checks the text exposition format 0.0.4 line by line; resolves the samples by name and labels. */
function parseExposition(text: string): Map<string, number> {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a newline');
  const typed = new Set<string>();
  const samples = new Map<string, number>();
  for (const line of text.slice(0, -1).split('\n')) {
    const type = /^# TYPE ([a-z_]+) (counter|gauge|histogram)$/.exec(line);
    if (type !== null) {
      assert.ok(!typed.has(type[1]!), `one TYPE line for ${type[1]}`);
      typed.add(type[1]!);
      continue;
    }
    if (line.startsWith('# HELP ')) continue;
    const sample = /^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\\n]|\\.)*",?)*\})? (-?[0-9.e+]+|\+Inf)$/.exec(line);
    assert.ok(sample !== null, `not a sample line: ${JSON.stringify(line)}`);
    const family = sample[1]!.replace(/_(bucket|sum|count)$/, '');
    assert.ok(typed.has(sample[1]!) || typed.has(family), `${sample[1]} comes after its TYPE line`);
    samples.set(`${sample[1]}${sample[2] ?? ''}`, Number(sample[3]));
  }
  return samples;
}

test('rejection reasons are the RFC 3463 subject classes', () => {
  assert.equal(rejectionReason('5.1.1'), 'addressing');
  assert.equal(rejectionReason('4.2.2'), 'mailbox');
  assert.equal(rejectionReason('5.7.1'), 'policy');
  assert.equal(rejectionReason('4.4.1'), 'network');
  assert.equal(rejectionReason(''), 'other');
  assert.equal(rejectionReason('9.9.9'), 'other');
});

test('/metrics: sessions open per protocol, queue depth, rejections by reason, bounces, latency; valid exposition', async () => {
  const server = createMailServer({ smtp: { port: 0 }, imap: { port: 0 }, pop3: { port: 0 }, http: false, rules: false });
  const addresses = await server.listen();
  const sockets = [];
  try {
    const key = (await server.http.keys.create({ kind: 'server' })).key;
    const tenant = (await server.http.keys.create({ kind: 'domain', domain: 'a.test' })).key;
    const scrape = async (credential: string) => server.http.fetch(new Request('http://api.test/metrics', { headers: { authorization: `Bearer ${credential}` } }));
    assert.equal((await scrape(tenant)).status, 403, 'server scope only');

    // Two IMAP sessions and one POP3 session, each past its greeting.
    for (const port of [addresses.imap!.port, addresses.imap!.port, addresses.pop3!.port]) {
      const socket = connect(port, '127.0.0.1');
      sockets.push(socket);
      await once(socket, 'data');
    }
    await server.queue.enqueue({ mailFrom: 'a@a.test', rcptTo: ['x@elsewhere.test'], source: Buffer.from('Subject: out\r\n\r\nhi\r\n'), reason: 'submission' });
    server.emit('rejected', { stage: 'rcpt', remoteAddress: '127.0.0.1', responseCode: 550, enhancedCode: '5.1.1', message: 'no such user' });
    server.emit('rejected', { stage: 'rcpt', remoteAddress: '127.0.0.1', responseCode: 550, enhancedCode: '5.1.1', message: 'no such user' });
    server.emit('rejected', { stage: 'mail', remoteAddress: '127.0.0.1', responseCode: 451, enhancedCode: '4.7.1', message: 'slow down' });
    server.emit('bounce', { queueId: 'q1', mailFrom: 'a@a.test', recipient: 'x@elsewhere.test', status: '5.1.1', diagnostic: 'unknown', remoteHost: null, origin: 'local' });

    const response = await scrape(key);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(await response.text());
    assert.equal(samples.get('posthouse_sessions_open{protocol="imap"}'), 2);
    assert.equal(samples.get('posthouse_sessions_open{protocol="pop3"}'), 1);
    assert.equal(samples.get('posthouse_sessions_open{protocol="smtp"}'), 0);
    assert.equal(samples.get('posthouse_queue_depth'), 1);
    assert.equal(samples.get('posthouse_messages_rejected_total{stage="rcpt",code="550",reason="addressing"}'), 2);
    assert.equal(samples.get('posthouse_messages_rejected_total{stage="mail",code="451",reason="policy"}'), 1);
    assert.equal(samples.get('posthouse_bounces_total{origin="local",reason="addressing"}'), 1);
    assert.equal(samples.get('posthouse_delivery_latency_seconds_bucket{le="+Inf"}'), 0);

    for (const socket of sockets) socket.destroy();
    await Promise.all(sockets.map((socket) => (socket.closed ? null : once(socket, 'close'))));
    // Sessions go when their sockets do; the servers notice on their next read.
    for (let attempt = 0; attempt < 100; attempt++) {
      const after = parseExposition(await (await scrape(key)).text());
      if (after.get('posthouse_sessions_open{protocol="imap"}') === 0 && after.get('posthouse_sessions_open{protocol="pop3"}') === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.fail('closed sessions are still counted');
  } finally {
    for (const socket of sockets) socket.destroy();
    await server.close({ graceMs: 0 });
  }
});
