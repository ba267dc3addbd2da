import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { API_ROUTES } from '../../../src/access/http/routes/index.js';
import { call, startTenants, type Tenants } from './tenants.js';

/** Tenant B's side of every path parameter. */
const TENANT_B_PARAMS: Record<string, string> = { account: 'bob@b.test', mailbox: 'INBOX', uid: '1', domain: 'b.test', alias: 'info@b.test', name: 'main', index: '0' };

/** A valid body for each route that takes one, aimed at tenant B wherever it names anything. */
const BODIES: Record<string, unknown> = {
  'POST /api/domains': { domain: 'c.test' },
  'PUT /api/domains/{domain}/catch-all': { catchAll: 'bob@b.test' },
  'POST /api/accounts': { address: 'mallory@b.test', password: 'x' },
  'PUT /api/accounts/{account}/password': { password: 'stolen' },
  'POST /api/aliases': { alias: 'steal@b.test', targets: ['alice@a.test'] },
  'POST /api/accounts/{account}/mailboxes': { name: 'Stolen' },
  'PATCH /api/accounts/{account}/mailboxes/{mailbox}': { subscribed: false },
  'PATCH /api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/flags': { add: ['\\Seen'] },
  'PUT /api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/flags': { flags: ['\\Seen'] },
  'POST /api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/move': { mailbox: 'Kept' },
  'POST /api/accounts/{account}/mailboxes/{mailbox}/messages/{uid}/copy': { mailbox: 'Kept' },
  'PUT /api/accounts/{account}/rules/{name}': { script: 'discard;' },
  'PUT /api/accounts/{account}/active-rules': { name: null },
  'POST /api/rules/check': { script: 'keep;' },
  'POST /api/keys': { scope: 'domain:b.test' },
};

let tenants: Tenants;
before(async () => {
  tenants = await startTenants();
});
after(async () => tenants.close());

for (const route of API_ROUTES) {
  for (const [who, keyOf] of [['domain key of a.test', (t: Tenants) => t.keys.domainA], ['account key of alice@a.test', (t: Tenants) => t.keys.alice]] as const) {
    test(`${route.method} ${route.path}: the ${who} cannot reach tenant b.test`, async () => {
      const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(TENANT_B_PARAMS[name] ?? (name === 'id' ? '0123456789abcdef' : 'x')));
      const body = BODIES[`${route.method} ${route.path}`];
      const answer = await call(tenants.server, route.method, path, { key: keyOf(tenants), body });
      if (answer.status === 403) {
        assert.equal(answer.json.error.code, 'HTTP_FORBIDDEN');
        return;
      }
      // Only routes open to every caller may answer otherwise, and never with tenant B's data.
      assert.equal(route.access, 'any', `${route.method} ${route.path} answered ${answer.status}: ${answer.text}`);
      assert.ok(answer.status < 500, answer.text);
      assert.doesNotMatch(answer.text, /b\.test/, `${route.method} ${route.path} leaked: ${answer.text}`);
    });
  }
}

test('after every attempt, tenant b.test is untouched', async () => {
  const { server } = tenants;
  const [message] = await server.store.listMessages('bob@b.test', 'INBOX');
  assert.equal(message?.uid, 1);
  assert.deepEqual(message?.flags, []);
  assert.equal((await server.store.listMailboxes('bob@b.test')).some((mailbox) => mailbox.name === 'Stolen'), false);
  assert.equal(await server.directory.getAccount('mallory@b.test'), null);
  assert.notEqual(await server.directory.authenticate('bob@b.test', 'pw-bob@b.test'), null);
  assert.equal(await server.rules!.get('bob@b.test', 'main'), 'keep;');
  assert.equal((await server.directory.listAliases('b.test')).some((alias) => alias.alias === 'steal@b.test'), false);
});

test('the event stream of a.test carries nothing of b.test', async () => {
  const { server, keys } = tenants;
  const controller = new AbortController();
  const response = await server.http.fetch(new Request('http://api.test/api/events', { headers: { authorization: `Bearer ${keys.domainA}` }, signal: controller.signal }));
  const reader = response.body!.getReader();
  await reader.read();
  await server.store.updateFlags('bob@b.test', 'INBOX', {}, { operation: 'add', flags: ['$B'] });
  await server.store.updateFlags('alice@a.test', 'INBOX', {}, { operation: 'add', flags: ['$A'] });
  const { value } = await reader.read();
  const text = new TextDecoder().decode(value);
  assert.match(text, /event: flags/);
  assert.match(text, /alice@a\.test/);
  assert.doesNotMatch(text, /b\.test/);
  controller.abort();
  await reader.cancel().catch(() => {});
});
