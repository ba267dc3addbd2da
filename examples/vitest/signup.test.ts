// The signup email test of examples/node-test-signup.ts, with vitest.
// Run it from the repository root with: npx vitest run --root examples/vitest
import nodemailer from 'nodemailer';
import { startTestServer, type TestServer } from 'posthouse/testing';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';

/** The application code under test: the signup email, with a confirmation link and the terms attached. */
async function sendSignupEmail(mail: { host: string; port: number }, user: { email: string; name: string; token: string }): Promise<void> {
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

let mail: TestServer;

beforeAll(async () => {
  mail = await startTestServer(); // one server per test file: files run in parallel, each on its own port
});
beforeEach(() => mail.reset());
afterAll(() => mail.close());

test('the signup email welcomes the user and links to the confirmation page', async () => {
  await sendSignupEmail(mail.smtp, { email: 'ada@user.test', name: 'Ada', token: 'tok-123' });

  // Shorter than vitest's 5 s test timeout, so a missing message fails with the list of what did arrive.
  const message = await mail.waitForMessage({ to: 'ada@user.test', subject: /welcome/i }, { timeoutMs: 2000 });
  expect(message.subject).toBe('Welcome, Ada!');
  expect(message.envelope).toEqual({ from: 'no-reply@app.example', to: ['ada@user.test'] });
  expect(message.to).toEqual([{ name: 'Ada', address: 'ada@user.test' }]);
  expect(message.text).toMatch(/confirm your address/);
  expect(/href="([^"]+)"/.exec(message.html ?? '')?.[1]).toBe('https://app.example/confirm?token=tok-123');
  expect(message.attachments).toHaveLength(1);
  expect(message.attachments[0]).toMatchObject({ filename: 'terms.txt', contentType: 'text/plain' });
  expect(message.attachments[0]?.content.toString('utf8')).toBe('Be kind to each other.\n');
});

test('each test sees only its own mail', async () => {
  expect(mail.messages()).toEqual([]);
  await sendSignupEmail(mail.smtp, { email: 'grace@user.test', name: 'Grace', token: 'tok-456' });
  await mail.waitForMessage({ to: 'grace@user.test' });
  expect(mail.messages()).toHaveLength(1);
});
