import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPosthouseError } from '../../src/errors/posthouse-error.js';
import { SmtpError } from '../../src/errors/smtp-error.js';
import {
  addressLiteral,
  buildReceivedHeader,
  DEFAULT_RECEIVER_LIMITS,
  formatRfc5322Date,
  MessageReader,
  resolveReceiverOptions,
  toWireError,
} from '../../src/receiver/index.js';
import { FakeAgent } from './helpers.js';

const DATE = new Date(Date.UTC(2025, 0, 7, 9, 5, 3));

describe('buildReceivedHeader', () => {
  const fields = { heloName: 'client.example', remoteAddress: '192.0.2.1', hostname: 'mx.example.com', protocol: 'ESMTPS', id: 'ABC123', date: DATE };

  it('names the one recipient in a for clause (RFC 5321 §4.4)', () => {
    assert.equal(
      buildReceivedHeader({ ...fields, recipients: ['alice@example.com'] }),
      'Received: from client.example ([192.0.2.1])\r\n\tby mx.example.com with ESMTPS id ABC123\r\n\tfor <alice@example.com>; Tue, 7 Jan 2025 09:05:03 +0000\r\n',
    );
  });

  it('leaves the for clause out for several recipients, and uses the literal without a HELO name', () => {
    assert.equal(
      buildReceivedHeader({ ...fields, heloName: '', remoteAddress: '2001:db8::1', recipients: ['a@x.test', 'b@x.test'] }),
      'Received: from [IPv6:2001:db8::1] ([IPv6:2001:db8::1])\r\n\tby mx.example.com with ESMTPS id ABC123; Tue, 7 Jan 2025 09:05:03 +0000\r\n',
    );
  });

  it('defuses HELO names that would break the header', () => {
    assert.match(buildReceivedHeader({ ...fields, heloName: 'evil);(x', recipients: [] }), /^Received: from evil\?\?\?x \(/);
  });

  it('formats dates and address literals', () => {
    assert.equal(formatRfc5322Date(new Date(Date.UTC(2024, 11, 31, 23, 59, 59))), 'Tue, 31 Dec 2024 23:59:59 +0000');
    assert.equal(addressLiteral('127.0.0.1'), '[127.0.0.1]');
  });
});

describe('MessageReader: bounds', () => {
  function collect(chunks: string[], limits = { maxMessageBytes: 100, maxHeaderBytes: 20 }): MessageReader {
    const collector = new MessageReader(limits, 'reject');
    for (const chunk of chunks) collector.write(Buffer.from(chunk));
    collector.end();
    return collector;
  }

  it('keeps chunks apart and in order', () => {
    const collector = collect(['A: 1\r\n', '\r\nbody']);
    assert.deepEqual(collector.chunks.map(String), ['A: 1\r\n', '\r\nbody']);
    assert.equal(collector.overflow, null);
  });

  it('drops everything once the message limit is passed, but keeps counting', () => {
    const collector = collect(['A: 1\r\n\r\n', 'x'.repeat(95), 'y'.repeat(50)]);
    assert.equal(collector.overflow, 'message');
    assert.equal(collector.chunks.length, 0);
    assert.equal(collector.bytes, 153);
  });

  it('counts the header section up to the empty line, across chunk edges', () => {
    assert.equal(collect([`A: ${'a'.repeat(15)}\r`, '\n', '\r', '\nbody']).overflow, null); // exactly 20
    assert.equal(collect([`A: ${'a'.repeat(16)}\r\n\r\nbody`]).overflow, 'header'); // 21
    assert.equal(collect(['\r\n', 'x'.repeat(60)]).overflow, null); // empty header section
    assert.equal(collect(['A: 1\r\nB: 2\r\nC: 33333333333']).overflow, 'header'); // never ends
  });
});

describe('options and wire errors', () => {
  it('applies the documented defaults', () => {
    const resolved = resolveReceiverOptions({ agent: new FakeAgent(), hostname: 'mx.test' });
    assert.deepEqual(resolved.limits, DEFAULT_RECEIVER_LIMITS);
    assert.equal(resolved.host, '127.0.0.1');
    assert.equal(resolved.port, 0);
    assert.equal(resolved.bareLineEndings, 'reject');
  });

  it('refuses contradictory or out-of-range settings with CONFIG_INVALID', () => {
    const agent = new FakeAgent();
    for (const options of [
      { agent, hostname: '' },
      { agent, hostname: 'mx.test', implicitTls: true },
      { agent, hostname: 'mx.test', limits: { maxRecipients: 0 } },
      { agent, hostname: 'mx.test', port: 70000 },
    ]) {
      assert.throws(() => resolveReceiverOptions(options), (error: unknown) => isPosthouseError(error, 'CONFIG_INVALID'));
    }
  });

  it('puts the enhanced code in the text and the reply code in responseCode', () => {
    const wire = toWireError(new SmtpError(550, '5.7.1', 'Relay access denied'));
    assert.equal(wire.responseCode, 550);
    assert.equal(wire.message, '5.7.1 Relay access denied');
  });
});
