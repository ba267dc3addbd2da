import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bufferSource } from '../../src/core/message-source.js';
import { Deliverer } from '../../src/deliverer/deliverer.js';
import { createDirectory } from '../../src/directory/index.js';
import type { Envelope } from '../../src/interfaces/envelope.js';
import type { RejectedEvent } from '../../src/interfaces/events.js';
import { SmtpError } from '../../src/errors/smtp-error.js';
import { createSender } from '../../src/sender/index.js';
import { sandboxTransport } from '../../src/sender/transport/index.js';
import { memoryStore } from '../../src/store/index.js';

const session = { id: 's', remoteAddress: '192.0.2.1', heloName: 'client.example', secure: false, authenticatedUser: null };
const envelope = (rcptTo: string[]): Envelope => ({ id: 'env1', mailFrom: 'sender@example.org', rcptTo, receivedAt: new Date(0), session });
const message = bufferSource('Subject: hello\r\n\r\nbody\r\n');

async function setUp() {
  const store = memoryStore();
  const directory = createDirectory({ records: store.records, store });
  await directory.addAccount('alice@example.com', { createDomain: true });
  await directory.addAlias('team@example.com', ['alice@example.com', 'carol@elsewhere.example']);
  await directory.addAlias('away@example.com', ['dave@elsewhere.example']);
  return { store, directory };
}

test('an alias forwarding to another domain queues the message durably for the sender', async () => {
  const { store, directory } = await setUp();
  // Never started: the forward stays queued for the test to read.
  const queue = createSender({ store, transport: sandboxTransport(), hostname: 'mx.example.com', deliverLocal: async () => {} });
  const deliverer = new Deliverer({ store, directory, outbound: queue, summaries: false });
  const outcome = await deliverer.deliver(envelope(['team@example.com']), message);
  assert.equal(outcome.recipients[0]?.filed.length, 1, 'the local target got its copy');
  const queued = await queue.list();
  assert.equal(queued.length, 1);
  assert.deepEqual(queued[0]?.rcptTo, ['carol@elsewhere.example']);
  assert.equal(queued[0]?.mailFrom, 'sender@example.org');
  const bytes = (await (await queue.read(queued[0]!.id)).buffer()).toString();
  assert.match(bytes, /Subject: hello\r\n\r\nbody\r\n$/);
});

test('without a queue, a forward is refused, never accepted and dropped', async () => {
  const { store, directory } = await setUp();
  const deliverer = new Deliverer({ store, directory, summaries: false });
  await assert.rejects(deliverer.deliver(envelope(['away@example.com']), message), (error: unknown) => error instanceof SmtpError && error.responseCode === 550 && error.enhancedCode === '5.7.1');
  assert.equal((await store.mailboxStatus('alice@example.com', 'INBOX'))?.messages, 0);
});

test('a hook refusing the only recipient throws its reply and reports nothing itself', async () => {
  const { store, directory } = await setUp();
  const refusal = new SmtpError(550, '5.7.1', 'Not wanted');
  const deliverer = new Deliverer({ store, directory, summaries: false, hooks: [{ name: 'no', decide: async () => [{ type: 'reject', error: refusal }] }] });
  const events: RejectedEvent[] = [];
  deliverer.on('rejected', (event) => events.push(event));
  await assert.rejects(deliverer.deliver(envelope(['alice@example.com']), message), (error) => error === refusal);
  assert.deepEqual(events, [], 'the receiver reports the refusal it sends; the deliverer must not report it twice');
});
