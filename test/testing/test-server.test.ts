import { test } from 'node:test';
import assert from 'node:assert/strict';
import nodemailer from 'nodemailer';
import { startTestServer } from '../../src/testing/index.js';

function transportFor(smtp: { host: string; port: number }) {
  return nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true });
}

test('waitForMessage resolves with the parsed message, envelope and raw bytes', async (t) => {
  const mail = await startTestServer();
  t.after(() => mail.close());
  await transportFor(mail.smtp).sendMail({
    from: 'App <app@example.com>',
    to: 'New User <new@user.test>',
    cc: 'boss@user.test',
    subject: 'Welcome aboard',
    text: 'Hello there',
    html: '<p>Hello <b>there</b></p>',
    attachments: [{ filename: 'terms.txt', content: 'Be nice.' }],
  });
  const message = await mail.waitForMessage({ to: 'new@user.test', subject: /welcome/i });
  assert.equal(message.subject, 'Welcome aboard');
  assert.deepEqual(message.envelope, { from: 'app@example.com', to: ['new@user.test'] });
  assert.equal(message.from[0]?.address, 'app@example.com');
  assert.equal(message.cc[0]?.address, 'boss@user.test');
  assert.equal(message.text?.trim(), 'Hello there');
  assert.match(message.html ?? '', /<b>there<\/b>/);
  assert.equal(message.attachments.length, 1);
  assert.equal(message.attachments[0]?.filename, 'terms.txt');
  assert.equal(message.attachments[0]?.content.toString(), 'Be nice.');
  assert.equal(message.account, 'new@user.test');
  assert.equal(message.mailbox, 'INBOX');
  assert.match(message.raw.toString('latin1'), /^Return-Path: <app@example\.com>\r\nReceived: /);
  // The Cc recipient got its own copy (the `to` matcher also matches header Cc, so match the account).
  const copy = await mail.waitForMessage((arrived) => arrived.account === 'boss@user.test');
  assert.deepEqual(copy.envelope.to, ['boss@user.test']);
  assert.equal(copy.account, 'boss@user.test');
});

test('waitForMessage waits for a message that has not arrived yet, matched by predicate', async (t) => {
  const mail = await startTestServer();
  t.after(() => mail.close());
  const waiting = mail.waitForMessage((message) => message.subject.startsWith('Later'));
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'x@user.test', subject: 'Sooner', text: '1' });
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'x@user.test', subject: 'Later on', text: '2' });
  const message = await waiting;
  assert.equal(message.subject, 'Later on');
  assert.equal(mail.messages({ to: 'x@user.test' }).length, 2);
  assert.equal(mail.messages({ subject: 'Sooner' }).length, 1);
});

test('waitForMessage rejects with a readable list of what arrived', async (t) => {
  const mail = await startTestServer();
  t.after(() => mail.close());
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'x@user.test', subject: 'Receipt', text: '1' });
  await mail.waitForMessage({ subject: 'Receipt' });
  await assert.rejects(mail.waitForMessage({ subject: 'Invoice' }, { timeoutMs: 50 }), (error: Error) => {
    assert.match(error.message, /a message with subject "Invoice" did not arrive within 50 ms/);
    assert.match(error.message, /1 message\(s\) arrived:\n  - to x@user\.test from a@example\.com: "Receipt"/);
    return true;
  });
});

test('reset forgets and deletes every message', async (t) => {
  const mail = await startTestServer();
  t.after(() => mail.close());
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'x@user.test', subject: 'One', text: '1' });
  await mail.waitForMessage({ subject: 'One' });
  await mail.reset();
  assert.deepEqual(mail.messages(), []);
  assert.equal((await mail.server.store.mailboxStatus('x@user.test', 'INBOX'))?.messages, 0);
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'x@user.test', subject: 'Two', text: '2' });
  const message = await mail.waitForMessage();
  assert.equal(message.subject, 'Two');
});

test('reset keeps accounts a test created; close rejects pending waits', async () => {
  const mail = await startTestServer();
  await mail.server.directory.addAccount('kept@user.test', { password: 'pw', createDomain: true });
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'kept@user.test', subject: 'Before', text: '1' });
  await mail.waitForMessage({ subject: 'Before' });
  await mail.reset();
  assert.ok(await mail.server.directory.authenticate('kept@user.test', 'pw'));
  await transportFor(mail.smtp).sendMail({ from: 'a@example.com', to: 'kept@user.test', subject: 'After', text: '2' });
  assert.equal((await mail.waitForMessage({ subject: 'After' })).account, 'kept@user.test');
  const pending = assert.rejects(mail.waitForMessage({ subject: 'Never' }, { timeoutMs: 60_000 }), /the test server was closed/);
  await mail.close();
  await pending;
});
