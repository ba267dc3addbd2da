import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';
import { silentLogger } from '../../src/core/logger.js';
import { createMailServer } from '../../src/index.js';
import { startTestServer, type TestServer } from '../../src/testing/index.js';
import { startChromium, type Browser } from './chromium.js';

const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts');

function smtpTransport(mail: TestServer) {
  return nodemailer.createTransport({ host: mail.smtp.host, port: mail.smtp.port, secure: false, ignoreTLS: true });
}

/** A test server, Chromium on its inbox, and both closed after `body`. */
async function withInbox(body: (mail: TestServer, browser: Browser) => Promise<void>, viewport?: { width: number; height: number }): Promise<void> {
  const mail = await startTestServer();
  const browser = await startChromium(viewport);
  try {
    await body(mail, browser);
  } finally {
    await browser.close();
    await mail.close();
  }
}

async function openInbox(mail: TestServer, browser: Browser): Promise<void> {
  await browser.page.goto(`${mail.http.url}/`);
  await browser.page.locator('#app[data-ready=true]').waitFor();
  await browser.page.locator('.live.on').waitFor();
}

test('a message sent over SMTP appears without a reload, opens, and its attachment downloads byte for byte', async () => {
  await withInbox(async (mail, browser) => {
    const { page } = browser;
    await openInbox(mail, browser);
    await page.evaluate('window.__sameDocument = true');
    const attachment = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80, ...Buffer.from(' invoice 2026-001\r\n')]);
    await smtpTransport(mail).sendMail({
      from: '"Billing" <billing@shop.test>',
      to: 'alice@inbox.test',
      subject: 'Invoice 2026-001',
      text: 'Your invoice is attached.',
      html: '<h1>Invoice</h1><p>Your invoice is <b>attached</b>.</p>',
      attachments: [{ filename: 'invoice.pdf', content: attachment, contentType: 'application/pdf' }],
    });
    const row = page.locator('.message', { hasText: 'Invoice 2026-001' });
    await row.waitFor();
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the list changed without a reload');
    assert.match((await row.getAttribute('class'))!, /unread/);

    await row.locator('button').click();
    await page.locator('.pane-subject', { hasText: 'Invoice 2026-001' }).waitFor();
    const frame = page.frameLocator('iframe.mail-html');
    await frame.locator('h1', { hasText: 'Invoice' }).waitFor();
    await page.locator('[data-tab=text]').click();
    await page.locator('pre.text', { hasText: 'Your invoice is attached.' }).waitFor();
    await page.locator('[data-tab=headers]').click();
    await page.locator('table.headers td', { hasText: 'Invoice 2026-001' }).first().waitFor();
    await page.locator('[data-tab=raw]').click();
    await page.locator('pre.raw', { hasText: 'Content-Disposition: attachment; filename=invoice.pdf' }).waitFor();
    await page.locator('[data-tab=explain]').click();
    await page.locator('.tab-body', { hasText: /filed by default|Delivered to alice@inbox\.test/ }).waitFor();

    await page.locator('[data-tab=attachments]').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.attachments button', { hasText: 'invoice.pdf' }).click()]);
    assert.equal(download.suggestedFilename(), 'invoice.pdf');
    assert.deepEqual(readFileSync((await download.path())!), attachment);

    await page.locator('[data-tab=html]').click();
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-desktop.png') });
    await page.setViewportSize({ width: 390, height: 760 });
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-phone-message.png') });
    await page.locator('.back').click();
    await page.screenshot({ path: join(ARTIFACTS, 'inbox-phone-list.png') });
    assert.equal(await page.locator('.pane').isVisible(), false, 'one column on a phone: the list alone');
  });
});

test('hostile HTML, subject and sender name never run script in the page or the message frame', async () => {
  await withInbox(async (mail, browser) => {
    const { page } = browser;
    await openInbox(mail, browser);
    const payload = "window.__pwned=1;try{parent.__pwned=1}catch(e){};alert('pwned');console.log('pwned')";
    const html = [
      `<script>${payload}</script>`,
      `<img src="x" onerror="${payload}">`,
      `<a id="js" href="javascript:${payload}">click me</a>`,
      `<svg onload="${payload}"><circle r="5"/></svg>`,
      `<iframe srcdoc="<script>${payload}</script>"></iframe>`,
      `<iframe src="javascript:${payload}"></iframe>`,
      `<object data="javascript:${payload}"></object>`,
      `<meta http-equiv="refresh" content="0;url=javascript:${payload}">`,
      `<form action="javascript:${payload}"><button id="submit">go</button></form>`,
      `<details open ontoggle="${payload}"><summary>x</summary></details>`,
      '<p id="marker">hostile message body</p>',
    ].join('\n');
    const subject = `<img src=x onerror="${payload}"><script>${payload}</script>`;
    await smtpTransport(mail).sendMail({ from: { name: `<script>${payload}</script><b>Mallory</b>`, address: 'mallory@evil.test' }, to: 'alice@inbox.test', subject, html, text: 'plain' });

    const row = page.locator('.message', { hasText: 'Mallory' });
    await row.waitFor();
    assert.equal(await row.locator('.subject').textContent(), subject, 'the subject is shown as text, not parsed');
    assert.equal(await row.locator('.from').textContent(), `<script>${payload}</script><b>Mallory</b>`);
    await row.locator('button').click();
    const frame = page.frameLocator('iframe.mail-html');
    await frame.locator('#marker').waitFor();
    assert.equal(await page.locator('iframe.mail-html').getAttribute('sandbox'), '');
    await frame.locator('#js').click();
    await frame.locator('#submit').click();
    await page.locator('.pane-subject').click();
    for (const tab of ['text', 'headers', 'raw', 'html']) await page.locator(`[data-tab=${tab}]`).click();
    await frame.locator('#marker').waitFor();

    // Every frame of the page, including the message's, must be untouched; the marker read back
    // shows that evaluating in the sandboxed frame works, so its check is not vacuous.
    assert.equal(await page.frames().find((each) => each.url() === 'about:srcdoc')!.evaluate('document.getElementById("marker").textContent'), 'hostile message body');
    // A frame whose document never came to exist (a blocked javascript: URL) never answers an
    // evaluate, and no script can have run in it: such a frame is passed over after a while.
    for (const each of page.frames()) {
      const noContext = Symbol('no context');
      const pwned = await Promise.race([each.evaluate('window.__pwned'), sleep(3000).then(() => noContext)]);
      if (pwned !== noContext) assert.equal(pwned, undefined, `script ran in ${each.url()}`);
    }
    assert.deepEqual(browser.dialogs, []);
    assert.deepEqual(browser.consoleMessages.filter((text) => /pwned/.test(text) && !/Content Security Policy|sandbox/i.test(text)), []);
    assert.equal(await page.locator('.pane-subject').textContent(), subject);
  });
});

test('remote images stay blocked until the reader loads remote content', async () => {
  let requests = 0;
  let firstRequest: () => void = () => {};
  const requested = new Promise<void>((resolve) => (firstRequest = resolve));
  const remote: Server = createServer((_request, response) => {
    requests += 1;
    firstRequest();
    response.writeHead(200, { 'content-type': 'image/gif' }).end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
  try {
    await withInbox(async (mail, browser) => {
      const { page } = browser;
      await openInbox(mail, browser);
      const port = (remote.address() as { port: number }).port;
      await smtpTransport(mail).sendMail({ from: 'news@tracker.test', to: 'alice@inbox.test', subject: 'Newsletter', html: `<p id="body">news</p><img id="pixel" src="http://127.0.0.1:${port}/pixel.gif">` });
      await page.locator('.message', { hasText: 'Newsletter' }).locator('button').click();
      const frame = page.frameLocator('iframe.mail-html');
      await frame.locator('#body').waitFor();
      // The frame has loaded (its body is there), and with it the image's failed attempt.
      await frame.locator('#pixel').evaluate((image: { decode(): Promise<void> }) => image.decode().then(() => 'loaded', () => 'blocked')).then((state) => assert.equal(state, 'blocked'));
      assert.equal(requests, 0, 'no request reached the remote server');
      await page.locator('button.remote', { hasText: 'Load remote content' }).click();
      await requested;
      assert.equal(await frame.locator('#pixel').evaluate((image: { decode(): Promise<void> }) => image.decode().then(() => 'loaded', () => 'blocked')), 'loaded');
      await page.locator('button.remote', { hasText: 'Block remote content' }).waitFor();
    });
  } finally {
    await new Promise<void>((resolve) => remote.close(() => resolve()));
  }
});

test('mark read and unread, search, and delete, each reflected in the list', async () => {
  await withInbox(async (mail, browser) => {
    const { page } = browser;
    const transport = smtpTransport(mail);
    await transport.sendMail({ from: 'ops@company.test', to: 'bob@inbox.test', subject: 'Deploy finished', text: 'version 42 is live' });
    await transport.sendMail({ from: 'hr@company.test', to: 'bob@inbox.test', subject: 'Holiday calendar', text: 'the office closes on Friday' });
    await mail.waitForMessage({ subject: 'Holiday calendar' });
    await openInbox(mail, browser);
    const deploy = page.locator('.message', { hasText: 'Deploy finished' });
    const holiday = page.locator('.message', { hasText: 'Holiday calendar' });
    await deploy.waitFor();

    await deploy.locator('button').click();
    await page.locator('[data-action=toggle-seen]', { hasText: 'Mark unread' }).waitFor();
    await page.locator('.message.seen', { hasText: 'Deploy finished' }).waitFor();
    const uid = Number(await deploy.getAttribute('data-uid'));
    assert.deepEqual((await mail.server.store.getMessage('bob@inbox.test', 'INBOX', uid))!.flags, ['\\Seen']);
    await page.locator('[data-action=toggle-seen]').click();
    await page.locator('.message.unread', { hasText: 'Deploy finished' }).waitFor();
    assert.deepEqual((await mail.server.store.getMessage('bob@inbox.test', 'INBOX', uid))!.flags, []);

    // A flag changed elsewhere (IMAP, the API) reaches the list live.
    await mail.server.store.updateFlags('bob@inbox.test', 'INBOX', { uids: [{ start: uid, end: uid }] }, { operation: 'add', flags: ['\\Seen'] });
    await page.locator('.message.seen', { hasText: 'Deploy finished' }).waitFor();

    await page.locator('input[name=search]').fill('friday');
    await holiday.waitFor();
    await deploy.waitFor({ state: 'detached' });
    await page.locator('input[name=search]').fill('');
    await deploy.waitFor();

    await deploy.locator('button').click();
    await page.locator('[data-action=delete]').click();
    await deploy.waitFor({ state: 'detached' });
    assert.equal(await mail.server.store.getMessage('bob@inbox.test', 'INBOX', uid), null);
    assert.equal(await holiday.count(), 1);
  });
});

test('a server with auth asks to sign in; an account password shows only that account, kept for the tab', async () => {
  const server = createMailServer({ hostname: 'mx.auth.test', smtp: { port: 0 }, http: { port: 0, allowInsecureAuth: true }, logger: silentLogger });
  const addresses = await server.listen();
  const browser = await startChromium();
  try {
    await server.directory.addAccount('alice@auth.test', { password: 'alice-pass', createDomain: true });
    await server.directory.addAccount('bob@auth.test', { password: 'bob-pass' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: addresses.smtp!.port, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'x@y.test', to: 'alice@auth.test', subject: 'For Alice', text: 'a' });
    await transport.sendMail({ from: 'x@y.test', to: 'bob@auth.test', subject: 'For Bob', text: 'b' });
    const { page } = browser;
    await page.goto(`http://127.0.0.1:${addresses.http!.port}/`);
    await page.locator('input[name=address]').fill('alice@auth.test');
    await page.locator('input[name=password]').fill('wrong');
    await page.locator('form.login button[type=submit]').click();
    await page.locator('form.login .error', { hasText: 'Not signed in' }).waitFor();
    await page.locator('input[name=password]').fill('alice-pass');
    await page.locator('form.login button[type=submit]').click();
    await page.locator('.message', { hasText: 'For Alice' }).waitFor();
    assert.equal(await page.locator('.message', { hasText: 'For Bob' }).count(), 0);
    await page.reload();
    await page.locator('.message', { hasText: 'For Alice' }).waitFor();
    await transport.sendMail({ from: 'x@y.test', to: 'alice@auth.test', subject: 'Live for Alice', text: 'c' });
    await page.locator('.message', { hasText: 'Live for Alice' }).waitFor();
    await page.locator('button', { hasText: 'Sign out' }).click();
    await page.locator('form.login').waitFor();
  } finally {
    await browser.close();
    await server.close();
  }
});
