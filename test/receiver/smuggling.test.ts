import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { BareLineEndingError, MessageReader, type BareLineEndingPolicy } from '../../src/receiver/index.js';
import { ehlo, openTransaction, startReceiver } from './helpers.js';

async function filter(chunks: string[], policy: BareLineEndingPolicy): Promise<string> {
  const reader = new MessageReader({ maxMessageBytes: 1000, maxHeaderBytes: 1000 }, policy);
  for (const chunk of chunks) reader.write(Buffer.from(chunk, 'latin1'));
  reader.end();
  return Buffer.concat(reader.chunks).toString('latin1');
}

/** Every way of cutting `text` in two. */
function splits(text: string): string[][] {
  return Array.from({ length: text.length + 1 }, (_, at) => [text.slice(0, at), text.slice(at)].filter((part) => part.length > 0));
}

describe('MessageReader: bare line endings', () => {
  it('passes CRLF text through unchanged however it is chunked', async () => {
    for (const chunks of splits('a\r\nb\r\n\r\nc\r\n')) assert.equal(await filter(chunks, 'reject'), 'a\r\nb\r\n\r\nc\r\n');
  });

  it('normalizes bare LF and bare CR to CRLF however it is chunked', async () => {
    for (const chunks of splits('a\nb\rc\r\nd\r\r\ne\r')) assert.equal(await filter(chunks, 'normalize'), 'a\r\nb\r\nc\r\nd\r\n\r\ne\r\n');
  });

  it('fails on the first bare LF or CR, naming it, however it is chunked', async () => {
    for (const [text, character] of [['ok\r\nbad\nrest', 'LF'], ['ok\r\nbad\rrest', 'CR'], ['bad\r', 'CR'], ['\n', 'LF']] as const) {
      for (const chunks of splits(text)) {
        await assert.rejects(filter(chunks, 'reject'), (error: unknown) => error instanceof BareLineEndingError && error.character === character);
      }
    }
  });

  it('agrees with a regular-expression model on any text cut anywhere', async () => {
    const text = fc.array(fc.constantFrom('a', '\r', '\n', '\r\n'), { maxLength: 40 }).map((parts) => parts.join(''));
    const cuts = fc.array(fc.nat(), { maxLength: 6 });
    await fc.assert(
      fc.asyncProperty(text, cuts, async (input, at) => {
        const points = [...new Set(at.map((point) => point % (input.length + 1)))].sort((a, b) => a - b);
        const chunks = [0, ...points].map((from, index) => input.slice(from, [...points, input.length][index])).filter((chunk) => chunk.length > 0);
        assert.equal(await filter(chunks, 'normalize'), input.replace(/\r\n|\r|\n/g, '\r\n'));
        const bare = /\r(?!\n)|(?<!\r)\n/.exec(input);
        if (bare === null) assert.equal(await filter(chunks, 'reject'), input);
        else await assert.rejects(filter(chunks, 'reject'), (error: unknown) => error instanceof BareLineEndingError && error.character === (bare[0] === '\r' ? 'CR' : 'LF'));
      }),
    );
  });
});

// the classic SMTP smuggling end-of-data imitations, each followed by a second transaction
const SMUGGLING = [
  { name: '\\n.\\n', separator: '\n.\n', character: 'LF' },
  { name: '\\r.\\r', separator: '\r.\r', character: 'CR' },
  { name: '\\n.\\r\\n', separator: '\n.\r\n', character: 'LF' },
  { name: '\\r\\n.\\n', separator: '\r\n.\n', character: 'LF' },
] as const;

const smuggled = (separator: string) =>
  `Subject: first\r\n\r\nbody${separator}MAIL FROM:<evil@client.test>\r\nRCPT TO:<alice@example.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nevil\r\n.\r\n`;

describe('SMTP smuggling over the socket', () => {
  for (const payload of SMUGGLING) {
    it(`reject: ${payload.name} gets 521 5.5.2, the connection closes, no message reaches the agent`, async () => {
      const harness = await startReceiver();
      try {
        const { client } = await ehlo(harness.port);
        await openTransaction(client);
        client.write(smuggled(payload.separator));
        assert.equal(await client.line(), `521 5.5.2 mx.test Error: bare <${payload.character}> received`);
        await client.closed();
        assert.equal(harness.agent.messages.length, 0);
        assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode]), [['data', 521, '5.5.2']]);
      } finally {
        await harness.close();
      }
    });

    it(`normalize: ${payload.name} stays inside one message`, async () => {
      const harness = await startReceiver({ bareLineEndings: 'normalize' });
      try {
        const { client } = await ehlo(harness.port);
        await openTransaction(client);
        client.write(smuggled(payload.separator));
        assert.match(await client.line(), /^250 2\.0\.0 Ok: queued as /);
        assert.equal(await client.command('QUIT'), '221 2.0.0 Bye');
        assert.equal(harness.agent.messages.length, 1);
        const text = harness.agent.messages[0]!.bytes.toString('latin1');
        const body = text.slice(text.indexOf('Subject: first'));
        const normalized = smuggled(payload.separator).replace(/\r\n|\r|\n/g, '\r\n');
        assert.equal(body, normalized.slice(0, -'.\r\n'.length));
      } finally {
        await harness.close();
      }
    });
  }

  it('reject: answers at the first bare LF without waiting for CRLF.CRLF', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      await openTransaction(client);
      client.write('Subject: x\r\n\r\nhalf a line\nand the client never ends DATA');
      assert.equal(await client.line(), '521 5.5.2 mx.test Error: bare <LF> received');
      await client.closed();
      assert.equal(harness.agent.messages.length, 0);
    } finally {
      await harness.close();
    }
  });
});
