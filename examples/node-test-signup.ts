// Tests an application's signup email with node:test and the posthouse test kit.
// Run it with: node --import tsx examples/node-test-signup.ts (or node --import tsx --test …)
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from 'posthouse/testing';

// --- the application code under test ------------------------------------------------------

interface MailSettings {
  host: string;
  port: number;
}

/** Sends the signup email: a confirmation link in the HTML part, the terms as an attachment. */
async function sendSignupEmail(mail: MailSettings, user: { email: string; name: string; token: string }): Promise<void> {
  const transport = nodemailer.createTransport({ host: mail.host, port: mail.port, secure: false });
  const link = `https://app.example/confirm?token=${encodeURIComponent(user.token)}`;
  try {
    await transport.sendMail({
      from: 'Example App <no-reply@app.example>',
      to: `${user.name} <${user.email}>`,
      subject: `Welcome, ${user.name}!`,
      text: `Hi ${user.name}, confirm your address: ${link}`,
      html: `<p>Hi ${user.name},</p><p><a href="${link}">Confirm your address</a></p>`,
      attachments: [{ filename: 'terms.txt', content: 'Be kind to each other.\n', contentType: 'text/plain' }],
    });
  } finally {
    transport.close();
  }
}

// --- the tests ----------------------------------------------------------------------------

let mail: TestServer;

before(async () => {
  mail = await startTestServer(); // in memory, 127.0.0.1, a free port
});
beforeEach(() => mail.reset()); // each test starts with no messages
after(() => mail.close());

test('the signup email welcomes the user and links to the confirmation page', async () => {
  await sendSignupEmail(mail.smtp, { email: 'ada@user.test', name: 'Ada', token: 'tok-123' });

  const message = await mail.waitForMessage({ to: 'ada@user.test', subject: /welcome/i });
  assert.equal(message.subject, 'Welcome, Ada!');
  assert.deepEqual(message.envelope, { from: 'no-reply@app.example', to: ['ada@user.test'] });
  assert.deepEqual(message.to, [{ name: 'Ada', address: 'ada@user.test' }]);
  assert.match(message.text ?? '', /confirm your address/);

  const link = /href="([^"]+)"/.exec(message.html ?? '')?.[1];
  assert.equal(link, 'https://app.example/confirm?token=tok-123');

  assert.equal(message.attachments.length, 1);
  const [terms] = message.attachments;
  assert.equal(terms?.filename, 'terms.txt');
  assert.equal(terms?.contentType, 'text/plain');
  assert.equal(terms?.content.toString('utf8'), 'Be kind to each other.\n');
  console.log(`checked "${message.subject}" for ${message.envelope.to.join(', ')}: link ${link}, attachment ${terms?.filename}`);
});

test('each test sees only its own mail', async () => {
  assert.deepEqual(mail.messages(), []);
  await sendSignupEmail(mail.smtp, { email: 'grace@user.test', name: 'Grace', token: 'tok-456' });
  await mail.waitForMessage({ to: 'grace@user.test' });
  assert.equal(mail.messages().length, 1);
});
