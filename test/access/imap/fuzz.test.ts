import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_IMAP_LIMITS } from '../../../src/access/imap/limits.js';
import { CommandSyntaxError, parseCommand } from '../../../src/access/imap/wire/command-parser.js';
import { imapFixture, type ImapFixture } from './helpers.js';

/** Pieces of IMAP syntax, so random lines get deep into the parser instead of failing at the tag. */
const piece = fc.oneof(
  fc.constantFrom('(', ')', '[', ']', '"', '\\', '{', '}', '{3}', '{2+}', '~{1}', '<0.5>', ' ', 'NIL', '*', '%', '1:*', 'BODY[', 'UID', '\r', '\u0000', 'ü'),
  fc.string({ maxLength: 6 }),
);
const line = fc.array(piece, { maxLength: 30 }).map((pieces) => pieces.join(''));

describe('parser and session fuzzing', () => {
  let fixture: ImapFixture;
  before(async () => {
    fixture = await imapFixture({ limits: { maxLiteralSize: 64, maxMessageSize: 256, maxLineLength: 512, maxCommandSize: 1024 } });
  });
  after(() => fixture.close());

  it('the parser either returns a command or throws a CommandSyntaxError', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 3 }), fc.array(fc.uint8Array({ maxLength: 8 }), { maxLength: 3 }), (lines, literals) => {
        try {
          parseCommand({ lines: lines.map((text) => Buffer.from(`t ${text}`)), literals: literals.map((bytes) => Buffer.from(bytes)) }, DEFAULT_IMAP_LIMITS);
        } catch (error) {
          assert.ok(error instanceof CommandSyntaxError, String(error));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('random and adversarial input never crashes a session: it still answers NOOP afterwards or has closed cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(line.map((text) => `${text}\r\n`), line), { minLength: 1, maxLength: 8 }), async (chunks) => {
        const { client, done } = await fixture.connect();
        for (const chunk of chunks) client.send(chunk.replace(/\{(\d+)\}/g, '{$1+}'));
        // Whatever the garbage left half-read, enough CRLFs and a bounded literal's worth of bytes close it.
        client.send(`${'x'.repeat(300)}\r\n\r\nzz NOOP\r\n`);
        let answered = false;
        try {
          for (;;) {
            const reply = await client.line();
            if (reply === 'zz OK NOOP completed') {
              answered = true;
              break;
            }
          }
        } catch {
          answered = false;
        }
        client.stream.end();
        await done;
        assert.ok(answered || client.stream.readableEnded || client.stream.destroyed);
      }),
      { numRuns: 150 },
    );
  });

  it('memory stays bounded: a flood of unterminated line and huge announced literals is dropped, not held', async () => {
    const { client, done } = await fixture.connect();
    const before = process.memoryUsage().heapUsed;
    const junk = 'A'.repeat(64 * 1024);
    for (let index = 0; index < 200; index++) client.send(junk);
    client.send('\r\nb1 NOOP\r\n');
    assert.equal(await client.line(), '* BAD Command line too long');
    assert.equal(await client.line(), 'b1 OK NOOP completed');
    client.send('b2 APPEND INBOX {999999999+}\r\n');
    client.send(Buffer.alloc(1024 * 1024));
    client.stream.end();
    await done;
    const grown = process.memoryUsage().heapUsed - before;
    // 13 MB went through; a session that held it would have grown by at least that much.
    assert.ok(grown < 12 * 1024 * 1024, `heap grew by ${grown}`);
  });
});
