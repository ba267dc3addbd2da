import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startTestServer } from '../../../../src/testing/index.js';

test('a server serves the built inbox at / by default, next to the API, with its scripts from its own origin', async () => {
  const mail = await startTestServer();
  try {
    const page = await fetch(`${mail.http.url}/`);
    assert.equal(page.status, 200, 'the inbox is built by `npm run build` (and by `npm ci` through prepare)');
    assert.equal(page.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.match(page.headers.get('content-security-policy')!, /script-src 'self';/);
    const html = await page.text();
    const script = /src="(\/inbox\/assets\/inbox-[0-9a-f]{10}\.js)"/.exec(html)?.[1];
    const style = /href="(\/inbox\/assets\/inbox-[0-9a-f]{10}\.css)"/.exec(html)?.[1];
    assert.ok(script !== undefined && style !== undefined, html);
    assert.doesNotMatch(html, /https?:\/\//, 'nothing is loaded from another origin');
    const js = await fetch(`${mail.http.url}${script}`);
    assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    const css = await fetch(`${mail.http.url}${style}`);
    assert.equal(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.equal((await fetch(`${mail.http.url}/api/status`)).status, 200);
  } finally {
    await mail.close();
  }
});

test('http: { inbox: false } turns the inbox off and leaves the API', async () => {
  const mail = await startTestServer({ http: { inbox: false } });
  try {
    for (const path of ['/', '/inbox/accounts']) {
      const response = await fetch(`${mail.http.url}${path}`);
      assert.equal(response.status, 404, path);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'HTTP_NOT_FOUND');
    }
    assert.equal((await fetch(`${mail.http.url}/api/status`)).status, 200);
  } finally {
    await mail.close();
  }
});
