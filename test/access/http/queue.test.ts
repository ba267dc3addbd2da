import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHttpApi, type HttpApi } from '../../../src/access/http/index.js';
import type { QueueAdmin } from '../../../src/access/http/routes/queue.js';
import { silentLogger } from '../../../src/core/logger.js';
import { PosthouseError } from '../../../src/errors/posthouse-error.js';
import { createMailServer, type MailServer } from '../../../src/server.js';

/** A queue of one message that records the calls the routes make. */
function fakeQueue(calls: string[]): QueueAdmin {
  const entry = { id: '00000000abcd-0001-deadbeef', mailFrom: 'a@a.test', rcptTo: ['x@elsewhere.test'], held: false };
  const find = (id: string) => {
    if (id !== entry.id) throw new PosthouseError('QUEUE_MESSAGE_NOT_FOUND', `no queued message ${id}`);
    return entry;
  };
  return {
    list: async () => [entry],
    show: async (id) => ({ ...find(id), attempts: [] }),
    retryNow: async (id) => (calls.push(`retry ${id}`), find(id)),
    hold: async (id) => (calls.push(`hold ${id}`), { ...find(id), held: true }),
    release: async (id) => (calls.push(`release ${id}`), find(id)),
    remove: async (id) => void (find(id), calls.push(`remove ${id}`)),
  };
}

let server: MailServer;
let withQueue: HttpApi;
let keys: { server: string; domain: string };
const calls: string[] = [];
const ID = '00000000abcd-0001-deadbeef';

before(async () => {
  server = createMailServer({ smtp: false, rules: false });
  await server.listen();
  withQueue = createHttpApi({
    store: server.store, directory: server.directory, rules: null, events: server, explainDelivery: async () => null,
    status: () => ({ hostname: 'mx.test', listeners: {} }), logger: silentLogger, queue: fakeQueue(calls),
  });
  keys = { server: (await withQueue.keys.create({ kind: 'server' })).key, domain: (await withQueue.keys.create({ kind: 'domain', domain: 'a.test' })).key };
});
after(async () => {
  await withQueue.close();
  await server.close({ graceMs: 0 });
});

async function call(api: HttpApi, method: string, path: string, key = keys.server): Promise<{ status: number; json: any }> {
  const response = await api.fetch(new Request(`http://api.test${path}`, { method, headers: { authorization: `Bearer ${key}` } }));
  return { status: response.status, json: response.status === 204 ? null : await response.json() };
}

test('queue routes: list, show, retry, hold, release and delete reach the sender', async () => {
  assert.deepEqual((await call(withQueue, 'GET', '/api/queue')).json.messages.map((message: { id: string }) => message.id), [ID]);
  assert.deepEqual((await call(withQueue, 'GET', `/api/queue/${ID}`)).json.attempts, []);
  assert.equal((await call(withQueue, 'POST', `/api/queue/${ID}/hold`)).json.held, true);
  assert.equal((await call(withQueue, 'POST', `/api/queue/${ID}/release`)).status, 200);
  assert.equal((await call(withQueue, 'POST', `/api/queue/${ID}/retry`)).status, 200);
  assert.equal((await call(withQueue, 'DELETE', `/api/queue/${ID}`)).status, 204);
  assert.deepEqual(calls, [`hold ${ID}`, `release ${ID}`, `retry ${ID}`, `remove ${ID}`]);
});

test('queue routes: server scope only, precise errors for unknown and malformed ids, 404 without a sender', async () => {
  assert.equal((await call(withQueue, 'GET', '/api/queue', keys.domain)).status, 403);
  assert.equal((await call(withQueue, 'DELETE', `/api/queue/${ID}`, keys.domain)).json.error.code, 'HTTP_FORBIDDEN');
  const unknown = await call(withQueue, 'POST', '/api/queue/00000000abcd-0002-deadbeef/retry');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json.error.code, 'QUEUE_MESSAGE_NOT_FOUND');
  const malformed = await call(withQueue, 'GET', '/api/queue/..%2Fsecrets');
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json.error.code, 'HTTP_REQUEST_INVALID');
  const withoutQueue = createHttpApi({
    store: server.store, directory: server.directory, rules: null, events: server, explainDelivery: async () => null,
    status: () => ({ hostname: 'mx.test', listeners: {} }), logger: silentLogger,
  });
  try {
    const none = await call(withoutQueue, 'GET', '/api/queue');
    assert.equal(none.status, 404);
    assert.match(none.json.error.message, /no outbound sender/);
  } finally {
    await withoutQueue.close();
  }
  // The server wires its sender: its own API lists the real (empty) queue.
  const serverKey = (await server.http.keys.create({ kind: 'server' })).key;
  assert.deepEqual((await call(server.http, 'GET', '/api/queue', serverKey)).json, { messages: [] });
});

test('live events: a bounce goes to callers who reach its envelope sender, never to another tenant', async () => {
  const read = async (key: string): Promise<string> => {
    const controller = new AbortController();
    const response = await withQueue.fetch(new Request('http://api.test/api/events', { headers: { authorization: `Bearer ${key}` }, signal: controller.signal }));
    const reader = response.body!.getReader();
    await reader.read();
    server.emit('bounce', { queueId: 'q-b', mailFrom: 'bob@b.test', recipient: 'x@elsewhere.test', status: '5.1.1', diagnostic: 'no such user', remoteHost: null, origin: 'local' });
    server.emit('bounce', { queueId: 'q-a', mailFrom: 'Alice@A.test', recipient: 'y@elsewhere.test', status: '5.1.1', diagnostic: 'no such user', remoteHost: 'mx.elsewhere.test', origin: 'local' });
    const text = new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    await reader.cancel().catch(() => {});
    return text;
  };
  const tenant = await read(keys.domain);
  assert.match(tenant, /event: bounce\ndata: \{[^\n]*"queueId":"q-a"/);
  assert.doesNotMatch(tenant, /q-b|bob@b\.test/);
  assert.match(await read(keys.server), /"queueId":"q-b"/);
});
