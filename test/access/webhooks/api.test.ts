import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTenants, type Tenants } from '../http/tenants.js';

const secret = 'tenant-secret-0123456789';
let tenants: Tenants;
before(async () => {
  tenants = await startTenants();
  // Tenant B's route, made with B's own key.
  const created = await call(tenants.server, 'POST', '/api/webhooks', {
    key: tenants.keys.domainB,
    body: { id: 'b-route', match: { domain: 'b.test' }, action: 'post', url: 'https://hooks.b.example/mail', secret },
  });
  assert.equal(created.status, 201, created.text);
});
after(async () => tenants.close());

test('a domain key creates, reads, replaces and deletes routes of its own domain; the secret is never shown', async () => {
  const { server, keys } = tenants;
  const created = await call(server, 'POST', '/api/webhooks', {
    key: keys.domainA,
    body: { id: 'a-support', match: { pattern: 'support+*@a.test' }, action: 'post', url: 'https://hooks.a.example/mail', secret, priority: 5 },
  });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.json.domain, 'a.test');
  assert.equal(created.json.secret, undefined);
  assert.equal(created.json.secretSet, true);
  assert.equal(server.webhooks!.routes.match('support+1@a.test')?.id, 'a-support');

  const replaced = await call(server, 'PUT', '/api/webhooks/a-support', { key: keys.domainA, body: { match: { pattern: 'help-*@a.test' }, action: 'both', url: 'https://hooks.a.example/v2', secret, format: 'raw' } });
  assert.equal(replaced.status, 200, replaced.text);
  assert.equal(replaced.json.format, 'raw');
  assert.equal(server.webhooks!.routes.match('support+1@a.test'), null);
  assert.equal(server.webhooks!.routes.match('help-me@a.test')?.action, 'both');

  const listed = await call(server, 'GET', '/api/webhooks', { key: keys.domainA });
  assert.deepEqual(listed.json.routes.map((route: { id: string }) => route.id), ['a-support']);
  assert.equal((await call(server, 'GET', '/api/webhooks/a-support', { key: keys.domainA })).json.url, 'https://hooks.a.example/v2');
  assert.equal((await call(server, 'POST', '/api/webhooks', { key: keys.domainA, body: { id: 'a-support', match: { domain: 'a.test' }, action: 'store' } })).status, 409);
  assert.equal((await call(server, 'DELETE', '/api/webhooks/a-support', { key: keys.domainA })).status, 204);
  assert.equal(server.webhooks!.routes.get('a-support'), undefined);
});

test("a domain key never reaches another tenant's routes: not to list, read, replace, delete or take its addresses", async () => {
  const { server, keys } = tenants;
  const forB = { match: { domain: 'b.test' }, action: 'post', url: 'https://evil.example/steal', secret };
  const listed = await call(server, 'GET', '/api/webhooks', { key: keys.domainA });
  assert.doesNotMatch(listed.text, /b\.test/);
  assert.equal((await call(server, 'POST', '/api/webhooks', { key: keys.domainA, body: forB })).status, 403);
  assert.equal((await call(server, 'POST', '/api/webhooks', { key: keys.domainA, body: { ...forB, match: { pattern: 'bob@b.test' } } })).status, 403);
  assert.equal((await call(server, 'GET', '/api/webhooks/b-route', { key: keys.domainA })).status, 404);
  assert.equal((await call(server, 'PUT', '/api/webhooks/b-route', { key: keys.domainA, body: forB })).status, 404);
  // Not even by re-homing it into its own domain.
  assert.equal((await call(server, 'PUT', '/api/webhooks/b-route', { key: keys.domainA, body: { ...forB, match: { domain: 'a.test' } } })).status, 404);
  assert.equal((await call(server, 'DELETE', '/api/webhooks/b-route', { key: keys.domainA })).status, 404);
  // An account key manages no routes at all.
  assert.deepEqual((await call(server, 'GET', '/api/webhooks', { key: keys.alice })).json, { routes: [] });
  assert.equal((await call(server, 'POST', '/api/webhooks', { key: keys.alice, body: { ...forB, match: { domain: 'a.test' } } })).status, 403);
  // B's route is as it was; the server key sees it.
  const seen = await call(server, 'GET', '/api/webhooks/b-route', { key: keys.server });
  assert.equal(seen.json.url, 'https://hooks.b.example/mail');
});

test('validation and auth errors', async () => {
  const { server, keys } = tenants;
  assert.equal((await call(server, 'GET', '/api/webhooks')).status, 401);
  const both = await call(server, 'POST', '/api/webhooks', { key: keys.server, body: { match: { domain: 'a.test', pattern: 'x@a.test' }, action: 'store' } });
  assert.equal(both.status, 400);
  assert.equal(both.json.error.code, 'WEBHOOK_ROUTE_INVALID');
  const noSecret = await call(server, 'POST', '/api/webhooks', { key: keys.server, body: { match: { domain: 'a.test' }, action: 'post', url: 'https://x.example/' } });
  assert.equal(noSecret.status, 400);
  assert.match(noSecret.json.error.message, /secret/);
  const badAction = await call(server, 'POST', '/api/webhooks', { key: keys.server, body: { match: { domain: 'a.test' }, action: 'drop' } });
  assert.equal(badAction.json.error.code, 'HTTP_REQUEST_INVALID');
  const badPattern = await call(server, 'POST', '/api/webhooks', { key: keys.server, body: { match: { pattern: '*@*.test' }, action: 'store' } });
  assert.equal(badPattern.json.error.code, 'WEBHOOK_ROUTE_INVALID');
});
