import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StoreError } from '../../src/errors/store-error.js';
import type { AppendResult, DeliveryInput } from '../../src/interfaces/store.js';
import { MemoryStore } from '../../src/store/index.js';
import { startMailServer, type RunningServer } from '../helpers/mail-server.js';
import { SmtpSession } from '../helpers/smtp-session.js';
import { storedCopies } from '../helpers/stored-copy.js';

/** A memory store whose `deliver` rejects with `failure` while it is set. */
class FailingStore extends MemoryStore {
  failure: unknown = null;

  override async deliver(input: DeliveryInput): Promise<AppendResult[]> {
    if (this.failure !== null) throw this.failure;
    return super.deliver(input);
  }
}

const message = Buffer.from('Subject: must not be lost\r\n\r\nbody\r\n');

describe('durability: a failing store write is never acknowledged', () => {
  const store = new FailingStore();
  let running: RunningServer;

  before(async () => {
    running = await startMailServer('memory', { store });
    await running.server.directory.addAccount('alice@example.test', { createDomain: true });
    await running.server.directory.addAccount('bob@example.test');
  });
  after(() => running.close());

  const failures: Array<[string, unknown]> = [
    ['a plain Error', new Error('disk on fire')],
    ['a StoreError STORE_IO', new StoreError(ErrorCodes.STORE_IO, 'write failed')],
    ['a thrown string', 'not even an Error'],
  ];

  for (const [name, failure] of failures) {
    it(`answers 451 4.3.0 when deliver rejects with ${name}`, async () => {
      store.failure = failure;
      const session = await SmtpSession.open(running.port);
      try {
        const { rcpt, data } = await session.sendMail('sender@client.test', ['alice@example.test', 'bob@example.test'], message);
        assert.deepEqual(rcpt.map((reply) => reply.code), [250, 250]);
        assert.equal(data?.last, '451 4.3.0 Temporary local problem, please try again');
        // the session goes on: the client may try again at once
        store.failure = null;
        const retry = await session.sendMail('sender@client.test', ['alice@example.test'], message);
        assert.match(retry.data!.last, /^250 2\.0\.0 Ok: queued as /);
      } finally {
        store.failure = null;
        await session.quit();
      }
    });
  }

  it('stored only the retries, never a copy of a refused message', async () => {
    assert.equal((await storedCopies(store, 'alice@example.test')).length, failures.length);
    assert.equal((await storedCopies(store, 'bob@example.test')).length, 0);
  });
});
