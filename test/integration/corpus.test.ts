import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { asStored, hasBareLineEnding, readCorpus, toCrlf, type CorpusMessage } from '../helpers/corpus.js';
import { startMailServer, type RunningServer, type StoreKind } from '../helpers/mail-server.js';
import { sendAll, type Outgoing } from '../helpers/send-all.js';
import { SmtpSession } from '../helpers/smtp-session.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

const corpus: CorpusMessage[] = await readCorpus();
const recipientOf = (index: number): string => `corpus${index}@corpus.test`;

/** Sends each message to its own account and checks every stored copy against what it should be. */
async function sendAndCompare(running: RunningServer, outgoing: Outgoing[], expected: Buffer[], names: string[]): Promise<void> {
  const replies = await sendAll(running.port, outgoing);
  const refused = replies.flatMap((reply, index) => (reply.code === 250 ? [] : [`${names[index]}: ${reply.last}`]));
  assert.deepEqual(refused, []);
  const differing: string[] = [];
  for (const [index, { to }] of outgoing.entries()) {
    const copies = await storedCopies(running.server.store, to);
    if (copies.length !== 1 || !withoutTraceHeaders(copies[0]!.raw).equals(expected[index]!)) differing.push(names[index]!);
  }
  assert.deepEqual(differing, [], 'stored copies that differ from what was sent');
}

/** Still answers a new session after everything it was sent. */
async function assertStillAnswers(port: number): Promise<void> {
  const session = await SmtpSession.open(port);
  try {
    assert.equal((await session.command('NOOP')).code, 250);
  } finally {
    await session.quit();
  }
}

describe('the MIME corpus through the whole server', () => {
  it('finds the shared corpus beside the repository', () => {
    assert.ok(corpus.length >= 300, `only ${corpus.length} corpus files`);
  });

  for (const kind of ['memory', 'level'] satisfies StoreKind[]) {
    describe(`every message with CRLF line endings (${kind} store)`, () => {
      let running: RunningServer;
      before(async () => {
        running = await startMailServer(kind, { directory: { acceptAll: true } });
      });
      after(() => running.close());

      it('stores every message byte for byte behind the trace headers', async () => {
        const outgoing = corpus.map((message, index) => ({ to: recipientOf(index), bytes: toCrlf(message.bytes) }));
        await sendAndCompare(running, outgoing, outgoing.map((message) => asStored(message.bytes)), corpus.map((message) => message.name));
        await assertStillAnswers(running.port);
      });

      it('records a summary for every message once the indexer is idle', async () => {
        await running.server.deliverer.idle();
        const missing: string[] = [];
        for (const [index, message] of corpus.entries()) {
          const [copy] = await running.server.store.listMessages(recipientOf(index), 'INBOX');
          if (copy?.summary == null) missing.push(message.name);
        }
        assert.deepEqual(missing, []);
      });
    });
  }

  describe('messages with bare line endings, sent as they are, to a server with the default policy', () => {
    let running: RunningServer;
    before(async () => {
      running = await startMailServer('memory', { directory: { acceptAll: true } });
    });
    after(() => running.close());

    it('refuses each with 521 5.5.2, stores none of them and still answers', async () => {
      // a message whose only bare line ending was its last one goes out clean: leave those out
      const bare = corpus.filter((message) => hasBareLineEnding(withCrlfAtEnd(message.bytes)));
      assert.ok(bare.length >= 200, `only ${bare.length} files with bare line endings`);
      const outgoing = bare.map((message, index) => ({ to: recipientOf(index), bytes: withCrlfAtEnd(message.bytes) }));
      const replies = await sendAll(running.port, outgoing);
      const unexpected = replies.flatMap((reply, index) => (/^521 5\.5\.2 mx\.posthouse\.test Error: bare <(LF|CR)> received$/.test(reply.last) ? [] : [`${bare[index]!.name}: ${reply.last}`]));
      assert.deepEqual(unexpected, []);
      for (const { to } of outgoing) assert.deepEqual(await running.server.store.listMessages(to, 'INBOX').catch(() => []), []);
      await assertStillAnswers(running.port);
    });
  });

  describe("messages with bare line endings, sent as they are, to a server with bareLineEndings: 'normalize'", () => {
    let running: RunningServer;
    before(async () => {
      running = await startMailServer('memory', { directory: { acceptAll: true }, smtp: { bareLineEndings: 'normalize' } });
    });
    after(() => running.close());

    it('stores each with its line endings made CRLF and nothing else changed', async () => {
      const bare = corpus.filter((message) => hasBareLineEnding(message.bytes));
      assert.ok(bare.length >= 200, `only ${bare.length} files with bare line endings`);
      // the end of DATA must be CRLF.CRLF whatever the message's own line endings
      const outgoing = bare.map((message, index) => ({ to: recipientOf(index), bytes: withCrlfAtEnd(message.bytes) }));
      const expected = bare.map((message) => asStored(toCrlf(message.bytes)));
      await sendAndCompare(running, outgoing, expected, bare.map((message) => message.name));
      await assertStillAnswers(running.port);
    });
  });
});

/** The message with a final bare LF or CR sent as CRLF, so that the terminating dot line is recognised. */
function withCrlfAtEnd(bytes: Buffer): Buffer {
  const text = bytes.toString('latin1');
  if (text.endsWith('\r\n')) return bytes;
  if (text.endsWith('\n') || text.endsWith('\r')) return Buffer.concat([bytes.subarray(0, -1), Buffer.from('\r\n')]);
  return bytes;
}
