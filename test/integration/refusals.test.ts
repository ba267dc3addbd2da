import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { RejectedEvent } from '../../src/interfaces/events.js';
import { startMailServer, storeKinds, type RunningServer } from '../helpers/mail-server.js';
import { nodemailerTo, type NodemailerSendError } from '../helpers/nodemailer-client.js';
import { storedCopies } from '../helpers/stored-copy.js';

for (const kind of storeKinds) {
  describe(`refusals through the whole server (${kind} store)`, () => {
    let running: RunningServer;
    const rejected: RejectedEvent[] = [];

    before(async () => {
      running = await startMailServer(kind);
      await running.server.directory.addAccount('alice@example.test', { createDomain: true });
      await running.server.directory.addAccount('full@example.test', { quota: { maxMessages: 1 } });
      running.server.on('rejected', (event) => rejected.push(event));
    });
    after(() => running.close());

    const send = (to: string | string[], subject: string) => nodemailerTo(running.port).sendMail({ from: 'sender@client.test', to, subject, text: subject });

    it('refuses an unknown user at RCPT with 550 5.1.1 and reports it', async () => {
      rejected.length = 0;
      await assert.rejects(send('nobody@example.test', 'Unknown'), (error: NodemailerSendError) => {
        assert.equal(error.responseCode, 550);
        assert.equal(error.command, 'RCPT TO');
        assert.match(error.message, /5\.1\.1/);
        return true;
      });
      // nodemailer may pipeline DATA behind the RCPT; its 503 is another refusal, at the data stage
      assert.deepEqual(rejected.filter((event) => event.stage === 'rcpt'), [
        { stage: 'rcpt', remoteAddress: '127.0.0.1', responseCode: 550, enhancedCode: '5.1.1', message: 'Mailbox unavailable: no such user here', address: 'nobody@example.test' },
      ]);
    });

    it('delivers to the known recipient when another one is refused', async () => {
      const info = await send(['nobody@example.test', 'alice@example.test'], 'Half known');
      assert.deepEqual(info.rejected, ['nobody@example.test']);
      assert.deepEqual(info.accepted, ['alice@example.test']);
      const copies = await storedCopies(running.server.store, 'alice@example.test');
      assert.equal(copies.filter((copy) => copy.raw.includes('Subject: Half known')).length, 1);
    });

    it('refuses a non-local domain without authentication with 550 5.7.1', async () => {
      rejected.length = 0;
      await assert.rejects(send('someone@elsewhere.test', 'Relay'), (error: NodemailerSendError) => {
        assert.equal(error.responseCode, 550);
        assert.match(error.message, /5\.7\.1/);
        return true;
      });
      const [refusal] = rejected.filter((event) => event.stage === 'rcpt');
      assert.equal(refusal?.enhancedCode, '5.7.1');
      assert.equal(refusal?.address, 'someone@elsewhere.test');
    });

    it('answers 452 4.2.2 once an account is over its quota, and keeps what it had', async () => {
      await send('full@example.test', 'First fits');
      rejected.length = 0;
      await assert.rejects(send('full@example.test', 'Second does not'), (error: NodemailerSendError) => {
        assert.equal(error.responseCode, 452);
        assert.match(error.message, /4\.2\.2/);
        return true;
      });
      const copies = await storedCopies(running.server.store, 'full@example.test');
      assert.equal(copies.length, 1);
      assert.ok(copies[0]!.raw.includes('Subject: First fits'));
      assert.deepEqual(
        rejected.map(({ stage, responseCode, enhancedCode }) => ({ stage, responseCode, enhancedCode })),
        [{ stage: 'data', responseCode: 452, enhancedCode: '4.2.2' }],
      );
    });
  });
}
