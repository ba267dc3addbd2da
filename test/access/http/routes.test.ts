import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTenants, type Tenants } from './tenants.js';

let tenants: Tenants;
before(async () => {
  tenants = await startTenants();
});
after(async () => tenants.close());

const inbox = '/api/accounts/alice@a.test/mailboxes/INBOX';

test('auth: no credentials, a wrong key, a bad scheme and Basic over plain HTTP are 401 with a stable code', async () => {
  const { server } = tenants;
  assert.equal((await call(server, 'GET', '/api/domains')).json.error.code, 'HTTP_UNAUTHORIZED');
  assert.equal((await call(server, 'GET', '/api/domains', { key: 'ph_0123456789abcdef_' + 'x'.repeat(43) })).status, 401);
  assert.equal((await call(server, 'GET', '/api/domains', { headers: { authorization: 'Digest abc' } })).status, 401);
  const basic = `Basic ${Buffer.from('alice@a.test:pw-alice@a.test').toString('base64')}`;
  const plain = await call(server, 'GET', `${inbox}/messages`, { headers: { authorization: basic } });
  assert.equal(plain.status, 401);
  assert.equal(plain.json.error.code, 'HTTP_TLS_REQUIRED');
});

test('auth: Basic with the account password over https reaches its own mail only', async () => {
  const { server } = tenants;
  const basic = `Basic ${Buffer.from('alice@a.test:pw-alice@a.test').toString('base64')}`;
  const own = await server.http.fetch(new Request(`https://api.test${inbox}/messages`, { headers: { authorization: basic } }));
  assert.equal(own.status, 200);
  const other = await server.http.fetch(new Request('https://api.test/api/accounts/carol@a.test/mailboxes', { headers: { authorization: basic } }));
  assert.equal(other.status, 403);
  const wrong = await server.http.fetch(new Request(`https://api.test${inbox}/messages`, { headers: { authorization: `Basic ${Buffer.from('alice@a.test:nope').toString('base64')}` } }));
  assert.equal(wrong.status, 401);
});

test('keys: created by server scope only, listed without secrets, revoked keys stop working', async () => {
  const { server, keys } = tenants;
  assert.equal((await call(server, 'POST', '/api/keys', { key: keys.domainA, body: { scope: 'domain:a.test' } })).status, 403);
  const bad = await call(server, 'POST', '/api/keys', { key: keys.server, body: { scope: 'tenant:a.test' } });
  assert.equal(bad.status, 400);
  assert.match(bad.json.error.message, /scope must be server, domain:DOMAIN or account:ADDRESS/);
  const created = await call(server, 'POST', '/api/keys', { key: keys.server, body: { scope: 'account:carol@a.test', label: 'ci' } });
  assert.equal(created.status, 201);
  assert.match(created.json.key, /^ph_[0-9a-f]{16}_/);
  const listed = await call(server, 'GET', '/api/keys', { key: keys.server });
  assert.ok(listed.json.keys.some((key: { id: string }) => key.id === created.json.id));
  assert.doesNotMatch(listed.text, new RegExp(created.json.key));
  assert.doesNotMatch(JSON.stringify(await server.store.records.list('http-api-keys')), new RegExp(created.json.key));
  assert.equal((await call(server, 'GET', '/api/accounts/carol@a.test', { key: created.json.key })).status, 200);
  assert.equal((await call(server, 'DELETE', `/api/keys/${created.json.id}`, { key: keys.server })).status, 204);
  assert.equal((await call(server, 'GET', '/api/accounts/carol@a.test', { key: created.json.key })).status, 401);
  assert.equal((await call(server, 'DELETE', `/api/keys/${created.json.id}`, { key: keys.server })).json.error.code, 'API_KEY_NOT_FOUND');
});

test('domains, accounts and aliases: CRUD through the directory, errors mapped to their status', async () => {
  const { server, keys } = tenants;
  const key = keys.server;
  assert.equal((await call(server, 'POST', '/api/domains', { key, body: { domain: 'd.test' } })).status, 201);
  assert.equal((await call(server, 'POST', '/api/domains', { key, body: { domain: 'd.test' } })).status, 409);
  assert.equal((await call(server, 'POST', '/api/domains', { key, body: { domain: 'd.test', extra: 1 } })).json.error.message, "body has an unknown property 'extra' (allowed: domain, catchAll)");
  assert.equal((await call(server, 'PUT', '/api/domains/d.test/catch-all', { key, body: { catchAll: 'alice@a.test' } })).json.catchAll, 'alice@a.test');
  const account = await call(server, 'POST', '/api/accounts', { key: keys.domainA, body: { address: 'dave@a.test', password: 'pw', quota: { maxMessages: 10 } } });
  assert.equal(account.status, 201);
  assert.equal((await call(server, 'GET', '/api/accounts/dave@a.test', { key: keys.domainA })).json.usage.messages, 0);
  assert.equal((await call(server, 'GET', '/api/accounts/nobody@a.test', { key })).json.error.code, 'ACCOUNT_NOT_FOUND');
  assert.equal((await call(server, 'POST', '/api/accounts', { key, body: { address: 'not-an-address' } })).status, 400);
  assert.equal((await call(server, 'PUT', '/api/accounts/dave@a.test/password', { key: keys.domainA, body: { password: 'new' } })).status, 204);
  assert.notEqual(await server.directory.authenticate('dave@a.test', 'new'), null);
  assert.equal((await call(server, 'POST', '/api/aliases', { key: keys.domainA, body: { alias: 'team@a.test', targets: ['dave@a.test'] } })).status, 201);
  assert.deepEqual((await call(server, 'GET', '/api/aliases', { key: keys.domainA })).json.aliases.map((alias: { alias: string }) => alias.alias), ['team@a.test']);
  assert.equal((await call(server, 'DELETE', '/api/aliases/team@a.test', { key: keys.domainA })).status, 204);
  assert.equal((await call(server, 'DELETE', '/api/accounts/dave@a.test', { key: keys.alice })).status, 403);
  assert.equal((await call(server, 'DELETE', '/api/accounts/dave@a.test', { key: keys.domainA })).status, 204);
  assert.deepEqual((await call(server, 'GET', '/api/domains', { key: keys.domainA })).json.domains.map((domain: { domain: string }) => domain.domain), ['a.test']);
  assert.equal((await call(server, 'DELETE', '/api/domains/d.test', { key })).status, 204);
});

test('mailboxes: list, create (nested, %2F in the path), rename, delete; errors are 404/409', async () => {
  const { server, keys } = tenants;
  const key = keys.alice;
  const base = '/api/accounts/alice@a.test/mailboxes';
  assert.ok((await call(server, 'GET', base, { key })).json.mailboxes.some((mailbox: { name: string }) => mailbox.name === 'INBOX'));
  assert.equal((await call(server, 'POST', base, { key, body: { name: 'Work/2026' } })).status, 201);
  assert.equal((await call(server, 'POST', base, { key, body: { name: 'Work/2026' } })).json.error.code, 'MAILBOX_EXISTS');
  assert.equal((await call(server, 'POST', base, { key, body: {} })).json.error.message, 'body.name is required');
  assert.equal((await call(server, 'PATCH', `${base}/Work%2F2026`, { key, body: { name: 'Work/2027', subscribed: true } })).json.name, 'Work/2027');
  assert.equal((await call(server, 'GET', `${base}/Work%2F2026`, { key })).status, 404);
  assert.equal((await call(server, 'DELETE', `${base}/Work%2F2027`, { key })).status, 204);
  assert.equal((await call(server, 'DELETE', `${base}/INBOX`, { key })).status, 409);
});

test('messages: list newest first with cursor paging and filters, validation errors are precise', async () => {
  const { server, keys } = tenants;
  const key = keys.alice;
  for (const subject of ['invoice 1', 'invoice 2', 'lunch']) {
    await server.store.deliver({ source: Buffer.from(`From: boss@a.test\r\nTo: alice@a.test\r\nSubject: ${subject}\r\nDate: Tue, 03 Mar 2026 10:00:00 +0000\r\n\r\nthe body says ${subject} deep inside the text ${'x'.repeat(300)} needle-${subject.replace(' ', '')}\r\n`), targets: [{ account: 'alice@a.test', mailbox: 'INBOX' }] });
  }
  const first = await call(server, 'GET', `${inbox}/messages?limit=2`, { key });
  assert.deepEqual(first.json.messages.map((message: { uid: number }) => message.uid), [4, 3]);
  const second = await call(server, 'GET', `${inbox}/messages?limit=2&cursor=${first.json.nextCursor}`, { key });
  assert.deepEqual(second.json.messages.map((message: { uid: number }) => message.uid), [2, 1]);
  assert.equal(second.json.nextCursor, null);
  assert.deepEqual((await call(server, 'GET', `${inbox}/messages?order=oldest&offset=1&limit=1`, { key })).json.messages.map((message: { uid: number }) => message.uid), [2]);
  assert.deepEqual((await call(server, 'GET', `${inbox}/messages?subject=INVOICE&from=boss`, { key })).json.messages.map((message: { uid: number }) => message.uid), [3, 2]);
  assert.deepEqual((await call(server, 'GET', `${inbox}/messages?text=needle-lunch`, { key })).json.messages.map((message: { uid: number }) => message.uid), [4]);
  assert.equal((await call(server, 'GET', `${inbox}/messages?since=2026-03-03&before=2026-03-04`, { key })).json.messages.length, 3);
  assert.equal((await call(server, 'GET', `${inbox}/messages?limit=0`, { key })).json.error.message, 'query.limit must be between 1 and 500');
  assert.equal((await call(server, 'GET', `${inbox}/messages?since=yesterday`, { key })).json.error.message, 'query.since must be an ISO 8601 date, e.g. 2026-03-01T00:00:00Z');
  assert.equal((await call(server, 'GET', `${inbox}/messages?sort=x`, { key })).status, 400);
  assert.equal((await call(server, 'GET', '/api/accounts/alice@a.test/mailboxes/Nope/messages', { key })).json.error.code, 'MAILBOX_NOT_FOUND');
});

test('one message: parsed JSON, raw .eml, HTML under a sandbox CSP, headers, attachment, explain', async () => {
  const { server, keys } = tenants;
  const key = keys.alice;
  const parsed = await call(server, 'GET', `${inbox}/messages/1`, { key });
  assert.equal(parsed.json.subject, 'hello alice@a.test');
  assert.deepEqual(parsed.json.attachments, [{ index: 0, filename: 'note.txt', contentType: 'text/plain', size: 'attachment for alice@a.test'.length }]);
  const raw = await call(server, 'GET', `${inbox}/messages/1/raw`, { key });
  assert.equal(raw.headers.get('content-type'), 'message/rfc822');
  assert.match(raw.text, /^From: Sender <sender@outside\.test>\r\n/);
  const html = await call(server, 'GET', `${inbox}/messages/1/html`, { key });
  assert.match(html.text, /secret of alice@a\.test/);
  assert.match(html.headers.get('content-security-policy') ?? '', /^sandbox/);
  assert.equal((await call(server, 'GET', `${inbox}/messages/1/headers`, { key })).json.headers.subject, 'hello alice@a.test');
  const attachment = await call(server, 'GET', `${inbox}/messages/1/attachments/0`, { key });
  assert.equal(attachment.text, 'attachment for alice@a.test');
  assert.match(attachment.headers.get('content-disposition') ?? '', /filename="note\.txt"/);
  assert.equal((await call(server, 'GET', `${inbox}/messages/1/attachments/1`, { key })).json.error.code, 'HTTP_NOT_FOUND');
  assert.equal((await call(server, 'GET', `${inbox}/messages/999`, { key })).json.error.code, 'MESSAGE_NOT_FOUND');
  assert.equal((await call(server, 'GET', `${inbox}/messages/0`, { key })).json.error.message, 'path.uid must be between 1 and 4294967295');
  assert.equal((await call(server, 'GET', `${inbox}/messages/1/explain`, { key })).status, 200);
});

test('flags, copy, move and delete of one message', async () => {
  const { server, keys } = tenants;
  const key = keys.alice;
  assert.deepEqual((await call(server, 'PATCH', `${inbox}/messages/1/flags`, { key, body: { add: ['\\Seen', '$Work'] } })).json.flags, ['\\Seen', '$Work']);
  assert.deepEqual((await call(server, 'PATCH', `${inbox}/messages/1/flags`, { key, body: { remove: ['$Work'] } })).json.flags, ['\\Seen']);
  assert.deepEqual((await call(server, 'PUT', `${inbox}/messages/1/flags`, { key, body: { flags: ['\\Flagged'] } })).json.flags, ['\\Flagged']);
  assert.equal((await call(server, 'PUT', `${inbox}/messages/1/flags`, { key, body: { flags: '\\Seen' } })).json.error.message, 'body.flags must be an array');
  assert.equal((await call(server, 'PUT', `${inbox}/messages/1/flags`, { key, body: { flags: ['bad flag'] } })).json.error.code, 'FLAG_INVALID');
  assert.equal((await call(server, 'POST', `${inbox}/messages/1/copy`, { key, body: { mailbox: 'Kept' } })).status, 201);
  const moved = await call(server, 'POST', `${inbox}/messages/1/move`, { key, body: { mailbox: 'Kept' } });
  assert.equal(moved.json.mailbox, 'Kept');
  assert.equal((await call(server, 'GET', `${inbox}/messages/1`, { key })).status, 404);
  assert.equal((await call(server, 'DELETE', `/api/accounts/alice@a.test/mailboxes/Kept/messages/${moved.json.uid}`, { key })).status, 204);
  assert.equal(await server.store.getMessage('alice@a.test', 'Kept', moved.json.uid), null);
});

test('rules: put (checked), get, list, activate, check, delete', async () => {
  const { server, keys } = tenants;
  const key = keys.alice;
  const base = '/api/accounts/alice@a.test/rules';
  assert.equal((await call(server, 'PUT', `${base}/main`, { key, body: { script: 'require "fileinto"; fileinto "Kept";', activate: true } })).json.active, true);
  assert.equal((await call(server, 'GET', `${base}/main`, { key })).json.script, 'require "fileinto"; fileinto "Kept";');
  assert.equal((await call(server, 'GET', base, { key })).json.scripts.length, 1);
  assert.equal((await call(server, 'PUT', `${base}/broken`, { key, body: { script: 'fileinto "x";' } })).json.error.code, 'RULES_SCRIPT_INVALID');
  assert.equal((await call(server, 'POST', '/api/rules/check', { key, body: { script: 'keep;' } })).json.ok, true);
  assert.equal((await call(server, 'DELETE', `${base}/main`, { key })).json.error.code, 'RULES_SCRIPT_ACTIVE');
  assert.equal((await call(server, 'PUT', '/api/accounts/alice@a.test/active-rules', { key, body: { name: null } })).status, 200);
  assert.equal((await call(server, 'DELETE', `${base}/main`, { key })).status, 204);
});

test('bodies: not JSON, wrong content type and oversize are refused precisely', async () => {
  const { server, keys } = tenants;
  const post = (body: string, type: string) => server.http.fetch(new Request('http://api.test/api/domains', { method: 'POST', headers: { authorization: `Bearer ${keys.server}`, 'content-type': type }, body }));
  assert.match(((await (await post('{', 'application/json')).json()) as any).error.message, /^the body is not valid JSON/);
  assert.equal((await post('{}', 'text/plain')).status, 400);
  const huge = await post(JSON.stringify({ domain: 'x'.repeat(3 * 1024 * 1024) }), 'application/json');
  assert.equal(huge.status, 413);
});

test('status, OpenAPI document and metrics', async () => {
  const { server, keys } = tenants;
  assert.deepEqual((await call(server, 'GET', '/api/status', { key: keys.alice })).json.principal.scope, { kind: 'account', account: 'alice@a.test' });
  const document = (await call(server, 'GET', '/api/openapi.json')).json;
  assert.equal(document.openapi, '3.1.0');
  const list = document.paths['/api/accounts/{account}/mailboxes/{mailbox}/messages'].get;
  assert.deepEqual(list.parameters.find((parameter: { name: string }) => parameter.name === 'limit').schema, { type: 'integer', minimum: 1, maximum: 500, description: 'page size (default 50)' });
  assert.deepEqual(document.paths['/api/domains'].post.requestBody.content['application/json'].schema.required, ['domain']);
  assert.equal((await call(server, 'GET', '/metrics', { key: keys.domainA })).status, 403);
  assert.match((await call(server, 'GET', '/metrics', { key: keys.server })).text, /^# TYPE posthouse_delivery_latency_seconds histogram$/m);
  assert.equal((await call(server, 'GET', '/api/nothing-here', { key: keys.server })).json.error.code, 'HTTP_NOT_FOUND');
});
