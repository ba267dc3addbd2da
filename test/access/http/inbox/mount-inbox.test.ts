import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { silentLogger } from '../../../../src/core/logger.js';
import { TypedEmitter } from '../../../../src/core/typed-emitter.js';
import { INBOX_PAGE_POLICY, mountInbox } from '../../../../src/access/http/inbox/index.js';
import type { Directory } from '../../../../src/interfaces/directory.js';
import type { MailEvents } from '../../../../src/interfaces/events.js';
import type { Principal } from '../../../../src/access/http/auth/scope.js';
import { ErrorCodes } from '../../../../src/errors/codes.js';
import { HttpError } from '../../../../src/access/http/http-error.js';

let assets: string;
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;

before(() => {
  assets = mkdtempSync(join(tmpdir(), 'posthouse-inbox-'));
  writeFileSync(join(assets, 'index.html'), '<!doctype html><script type="module" src="/inbox/assets/inbox-0123456789.js"></script>');
  writeFileSync(join(assets, 'inbox-0123456789.js'), script);
  writeFileSync(join(assets, 'inbox-0123456789.css'), 'body{margin:0}');
  writeFileSync(join(assets, 'notes.txt'), 'not served');
});
after(() => rmSync(assets, { recursive: true, force: true }));

/** A Hono app with the inbox, a directory of two accounts and a caller of the given scope. */
function inboxApp(options: { assetsDirectory?: string; principal?: Principal | null } = {}) {
  const events = new TypedEmitter<MailEvents>();
  const directory = { listAccounts: async () => [{ address: 'alice@a.test' }, { address: 'bob@b.test' }] } as unknown as Directory;
  const app = new Hono();
  const principal: Principal | null = options.principal === undefined ? { scope: { kind: 'server' }, via: 'open' } : options.principal;
  const detach = mountInbox(app, {
    ...(options.assetsDirectory === undefined ? { assetsDirectory: assets } : { assetsDirectory: options.assetsDirectory }),
    directory,
    events,
    authenticate: async () => {
      if (principal === null) throw new HttpError(401, ErrorCodes.HTTP_UNAUTHORIZED, 'credentials required');
      return principal;
    },
    logger: silentLogger,
  });
  return { app, events, detach };
}

test('the page is served at / with its policy headers, revalidated (no-cache) and with a strong ETag', async () => {
  const { app } = inboxApp();
  const response = await app.request('/');
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(response.headers.get('cache-control'), 'no-cache');
  assert.equal(response.headers.get('content-security-policy'), INBOX_PAGE_POLICY);
  assert.match(INBOX_PAGE_POLICY, /script-src 'self'(;|$)/);
  assert.doesNotMatch(INBOX_PAGE_POLICY, /unsafe-eval|script-src[^;]*unsafe-inline/);
  assert.match(INBOX_PAGE_POLICY, /frame-ancestors 'none'/);
  assert.equal(response.headers.get('x-frame-options'), 'DENY');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
  assert.match(await response.text(), /inbox-0123456789\.js/);
  const etag = response.headers.get('etag')!;
  assert.match(etag, /^"[\w-]+"$/);
  const again = await app.request('/', { headers: { 'if-none-match': etag } });
  assert.equal(again.status, 304);
  assert.equal(await again.text(), '');
});

test('hashed assets have their content types and are cached as immutable; gzip when asked', async () => {
  const { app } = inboxApp();
  const js = await app.request('/inbox/assets/inbox-0123456789.js');
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(js.headers.get('content-security-policy'), null);
  assert.equal(await js.text(), script);
  const css = await app.request('/inbox/assets/inbox-0123456789.css');
  assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
  const gzipped = await app.request('/inbox/assets/inbox-0123456789.js', { headers: { 'accept-encoding': 'gzip, br' } });
  assert.equal(gzipped.headers.get('content-encoding'), 'gzip');
  assert.equal(gzipped.headers.get('vary'), 'accept-encoding');
  const bytes = Buffer.from(await gzipped.arrayBuffer());
  assert.equal(Number(gzipped.headers.get('content-length')), bytes.length);
  assert.equal(gunzipSync(bytes).toString(), script);
});

test('unknown names, other file types, traversal and the page under /inbox/assets are 404 JSON errors', async () => {
  const { app } = inboxApp();
  for (const path of ['/inbox/assets/nope.js', '/inbox/assets/notes.txt', '/inbox/assets/index.html', '/inbox/assets/..%2Fpackage.json', '/inbox/assets/%2e%2e%2fetc%2fpasswd']) {
    const response = await app.request(path);
    assert.equal(response.status, 404, path);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'HTTP_NOT_FOUND', path);
  }
});

test('before the inbox is built, / answers 503 naming the build command; once built, it is served', async () => {
  const later = mkdtempSync(join(tmpdir(), 'posthouse-inbox-later-'));
  try {
    const { app } = inboxApp({ assetsDirectory: later });
    const missing = await app.request('/');
    assert.equal(missing.status, 503);
    assert.deepEqual(await missing.json(), { error: { code: 'NOT_SUPPORTED', message: 'the web inbox is not built: run `npm run build`' } });
    writeFileSync(join(later, 'index.html'), '<!doctype html><title>built</title>');
    const built = await app.request('/');
    assert.equal(built.status, 200);
    assert.match(await built.text(), /built/);
  } finally {
    rmSync(later, { recursive: true, force: true });
  }
});

test('/inbox/accounts lists directory accounts and those mail was delivered to, only as far as the caller reaches', async () => {
  const server = inboxApp();
  server.events.emit('delivered', { envelopeId: 'e1', mailFrom: 'x@y.test', recipient: 'carol@a.test', account: 'carol@a.test', mailbox: 'INBOX', uid: 1 });
  const all = await server.app.request('/inbox/accounts');
  assert.equal(all.headers.get('cache-control'), 'no-store');
  assert.deepEqual(await all.json(), { accounts: ['alice@a.test', 'bob@b.test', 'carol@a.test'] });
  server.detach();
  server.events.emit('delivered', { envelopeId: 'e2', mailFrom: 'x@y.test', recipient: 'dave@a.test', account: 'dave@a.test', mailbox: 'INBOX', uid: 1 });
  assert.deepEqual(await (await server.app.request('/inbox/accounts')).json(), { accounts: ['alice@a.test', 'bob@b.test', 'carol@a.test'] });

  const tenant = inboxApp({ principal: { scope: { kind: 'domain', domain: 'b.test' }, via: 'key' } });
  assert.deepEqual(await (await tenant.app.request('/inbox/accounts')).json(), { accounts: ['bob@b.test'] });
  const account = inboxApp({ principal: { scope: { kind: 'account', account: 'alice@a.test' }, via: 'password' } });
  assert.deepEqual(await (await account.app.request('/inbox/accounts')).json(), { accounts: ['alice@a.test'] });
  const anonymous = inboxApp({ principal: null });
  const refused = await anonymous.app.request('/inbox/accounts');
  assert.equal(refused.status, 401);
  for (const one of [tenant, account, anonymous]) one.detach();
});
