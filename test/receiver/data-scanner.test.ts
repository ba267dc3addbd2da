import assert from 'node:assert/strict';
import { once } from 'node:events';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';
import { feedDataStream } from '../../src/receiver/data-scanner.js';
import { buildLoadMessage } from '../../bench/lib/test-mail.js';

/** What a parser did with its input: each message's bytes and count, and the commands around them. */
interface Parsed {
  messages: Array<{ text: string; dataBytes: number; byteLength: number }>;
  commands: string[];
}

/**
 * Feeds `chunks` to an SMTPStream already in data mode, as smtp-server's connection drives it:
 * parsing goes on (`continue`) a turn after the message ends. `scanner` replaces the parser's data
 * scan (ours), or leaves smtp-server's own. One message per input: a second one ending within the
 * same chunk stalls smtp-server's own continuation (its `continue` clears the callback the nested
 * message set), whichever scan found it.
 */
async function parse(chunks: readonly Buffer[], scanner: typeof feedDataStream | null): Promise<Parsed> {
  const parser = new SMTPStream();
  if (scanner !== null) parser._feedDataStream = scanner;
  const parsed: Parsed = { messages: [], commands: [] };
  const startData = (): void => {
    const stream = parser.startDataMode(1000);
    const parts: Buffer[] = [];
    stream.on('data', (part: Buffer) => parts.push(part));
    stream.on('end', () => {
      parsed.messages.push({ text: Buffer.concat(parts).toString('latin1'), dataBytes: parser.dataBytes, byteLength: stream.byteLength });
      setImmediate(() => parser.continue());
    });
  };
  parser.oncommand = (command, callback) => {
    const line = command.toString('latin1');
    parsed.commands.push(line);
    callback?.();
  };
  startData();
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
  await once(parser, 'finish');
  // an unterminated message ends nowhere: what reached its stream so far is what counts
  await new Promise((resolve) => setImmediate(resolve));
  return parsed;
}

/** `text` cut at `cuts` (positions taken modulo its length). */
function cut(text: string, cuts: readonly number[]): Buffer[] {
  const at = [...new Set(cuts.map((position) => (text.length === 0 ? 0 : position % text.length)))].sort((left, right) => left - right);
  const chunks: Buffer[] = [];
  let from = 0;
  for (const position of [...at, text.length]) {
    if (position > from) chunks.push(Buffer.from(text.slice(from, position), 'latin1'));
    from = position;
  }
  return chunks;
}

async function assertSameAsUpstream(chunks: readonly Buffer[]): Promise<void> {
  assert.deepEqual(await parse(chunks, feedDataStream), await parse(chunks, null));
}

describe('feedDataStream: the same DATA as smtp-server', () => {
  it('agrees with smtp-server on any input cut anywhere', async () => {
    // the pieces that matter to the scan: dots at line starts, terminators, bare CR and LF, pipelined commands
    const piece = fc.constantFrom('a', 'b', '.', '..', '\r\n', '\r', '\n', '\r\n.', '\r\n..', '.\r\n', '\r\n.\r\n', 'QUIT\r\n', '\r\n..\r\n');
    const input = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
    await fc.assert(
      fc.asyncProperty(input, fc.array(fc.nat(), { maxLength: 8 }), async (text, cuts) => {
        await assertSameAsUpstream(cut(text, cuts));
      }),
      { numRuns: 1500 },
    );
  });

  it('agrees on every single cut of a message with stuffed dots and a terminator', async () => {
    const text = '..first\r\nx\r\n..\r\n...\r\n.a\r\n\r\n.\r\nQUIT\r\n';
    for (let at = 0; at <= text.length; at += 1) {
      for (let second = at; second <= text.length; second += 3) await assertSameAsUpstream(cut(text, [at, second]));
    }
  });

  it('unstuffs a 10 KB message as smtp-server does, whole and byte by byte', async () => {
    const { wire, content } = buildLoadMessage('scan', 1, 'user1@load.posthouse.test');
    const whole = await parse([wire], feedDataStream);
    assert.equal(whole.messages[0]!.text, content.toString('latin1'));
    assert.deepEqual(whole, await parse([wire], null));
    const bytes = Array.from({ length: wire.length }, (_, index) => wire.subarray(index, index + 1));
    assert.deepEqual(await parse(bytes, feedDataStream), whole);
  });

  it('unstuffs 10,000 dot lines in one pass', async () => {
    const text = `${'..\r\n'.repeat(10_000)}.\r\n`;
    const parsed = await parse([Buffer.from(text, 'latin1')], feedDataStream);
    assert.equal(parsed.messages[0]!.text, '.\r\n'.repeat(10_000));
  });
});
