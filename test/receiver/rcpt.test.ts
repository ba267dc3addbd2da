import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ehlo, startReceiver } from './helpers.js';

describe('MAIL and RCPT', () => {
  it('passes the agent refusals through exactly and reports them with the address', async () => {
    const harness = await startReceiver();
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command('MAIL FROM:<sender@client.test>'), '250 2.1.0 Accepted');
      assert.equal(await client.command('RCPT TO:<unknown@example.test>'), '550 5.1.1 Mailbox unavailable');
      assert.equal(await client.command('RCPT TO:<someone@elsewhere.test>'), '550 5.7.1 Relay access denied');
      assert.equal(await client.command('RCPT TO:<alice@example.test>'), '250 2.1.5 Accepted');
      assert.deepEqual(harness.agent.checked.map((check) => check.address), ['unknown@example.test', 'someone@elsewhere.test', 'alice@example.test']);
      assert.equal(harness.agent.checked[0]?.session.heloName, 'client.test');
      assert.deepEqual(harness.rejected, [
        { stage: 'rcpt', responseCode: 550, enhancedCode: '5.1.1', message: 'Mailbox unavailable', address: 'unknown@example.test', remoteAddress: '127.0.0.1' },
        { stage: 'rcpt', responseCode: 550, enhancedCode: '5.7.1', message: 'Relay access denied', address: 'someone@elsewhere.test', remoteAddress: '127.0.0.1' },
      ]);
    } finally {
      await harness.close();
    }
  });

  it('answers 451 4.3.0 when the agent fails unexpectedly, with the details only in the log', async () => {
    const logged: string[] = [];
    const record = (objectOrMessage: object | string, message?: string) => logged.push(`${JSON.stringify(objectOrMessage)} ${message ?? ''}`);
    const harness = await startReceiver({ logger: { debug: () => {}, info: () => {}, warn: record, error: record } });
    try {
      const { client } = await ehlo(harness.port);
      await client.command('MAIL FROM:<sender@client.test>');
      assert.equal(await client.command('RCPT TO:<broken@example.test>'), '451 4.3.0 Temporary local problem, please try again');
      assert.ok(logged.some((line) => line.includes('directory offline')));
    } finally {
      await harness.close();
    }
  });

  it('refuses invalid address syntax with 501 5.1.3 and too many recipients with 452 4.5.3', async () => {
    const harness = await startReceiver({ limits: { maxRecipients: 2 } });
    try {
      const { client } = await ehlo(harness.port);
      await client.command('MAIL FROM:<sender@client.test>');
      assert.equal(await client.command('RCPT TO:<not an address>'), '501 5.1.3 Error: Bad recipient address syntax');
      assert.equal(await client.command('RCPT TO:<a@@example.test>'), '501 5.1.3 Error: Bad recipient address syntax');
      assert.equal(await client.command('RCPT TO:<one@example.test>'), '250 2.1.5 Accepted');
      assert.equal(await client.command('RCPT TO:<two@example.test>'), '250 2.1.5 Accepted');
      assert.equal(await client.command('RCPT TO:<three@example.test>'), '452 4.5.3 Error: too many recipients');
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode, event.address]), [
        ['rcpt', 501, '5.1.3', 'not an address'],
        ['rcpt', 501, '5.1.3', 'a@@example.test'],
        ['rcpt', 452, '4.5.3', 'three@example.test'],
      ]);
    } finally {
      await harness.close();
    }
  });

  it('refuses a declared SIZE over the limit at MAIL with 552 5.3.4', async () => {
    const harness = await startReceiver({ limits: { maxMessageBytes: 1000 } });
    try {
      const { client } = await ehlo(harness.port);
      assert.equal(await client.command('MAIL FROM:<sender@client.test> SIZE=1001'), '552 5.3.4 Error: message exceeds fixed maximum message size 1000');
      assert.equal(await client.command('MAIL FROM:<sender@client.test> SIZE=1000'), '250 2.1.0 Accepted');
      assert.deepEqual(harness.rejected.map((event) => [event.stage, event.responseCode, event.enhancedCode, event.address]), [['mail', 552, '5.3.4', 'sender@client.test']]);
    } finally {
      await harness.close();
    }
  });
});
