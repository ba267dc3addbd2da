import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeliveredEvent, ReceivedEvent } from '../../src/interfaces/events.js';
import { startMailServer, storeKinds, type RunningServer } from '../helpers/mail-server.js';
import { nodemailerTo } from '../helpers/nodemailer-client.js';
import { storedCopies, withoutTraceHeaders } from '../helpers/stored-copy.js';

for (const kind of storeKinds) {
  describe(`delivery through the whole server (${kind} store)`, () => {
    let running: RunningServer;
    const received: ReceivedEvent[] = [];
    const delivered: DeliveredEvent[] = [];

    before(async () => {
      running = await startMailServer(kind);
      const { directory } = running.server;
      await directory.addDomain('example.test');
      await directory.addDomain('catch.test', { catchAll: 'bucket@example.test' });
      for (const person of ['alice', 'bob', 'carol', 'bucket', 'dave']) await directory.addAccount(`${person}@example.test`);
      await directory.addAlias('team@example.test', ['alice@example.test', 'bob@example.test']);
      running.server.on('received', (event) => received.push(event));
      running.server.on('delivered', (event) => delivered.push(event));
    });
    after(() => running.close());

    const send = (message: Parameters<ReturnType<typeof nodemailerTo>['sendMail']>[0]) => nodemailerTo(running.port).sendMail(message);

    it('files mail to an account into its INBOX, byte for byte', async () => {
      const raw = Buffer.from('From: Sender <sender@client.test>\r\nTo: carol@example.test\r\nSubject: Plain\r\n\r\nHello Carol\r\n.dotted line\r\n');
      const info = await send({ envelope: { from: 'sender@client.test', to: ['carol@example.test'] }, raw });
      assert.match(info.response, /^250 2\.0\.0 Ok: queued as [0-9A-F]{16}$/);
      const [copy, ...more] = await storedCopies(running.server.store, 'carol@example.test');
      assert.equal(more.length, 0);
      assert.ok(withoutTraceHeaders(copy!.raw).equals(raw));
      assert.match(copy!.raw.toString('latin1'), /^Return-Path: <sender@client\.test>\r\nReceived: from client\.test \(\[127\.0\.0\.1\]\)\r\n\tby mx\.posthouse\.test with ESMTP id [0-9A-F]{16}\r\n\tfor <carol@example\.test>; /);
    });

    it('files mail to an alias into the INBOX of each target', async () => {
      await send({ from: 'sender@client.test', to: 'team@example.test', subject: 'To the team', text: 'All hands' });
      for (const person of ['alice', 'bob']) {
        const copies = await storedCopies(running.server.store, `${person}@example.test`);
        assert.equal(copies.filter((copy) => copy.raw.includes('Subject: To the team')).length, 1, person);
      }
    });

    it('gives each person one copy when an alias and its target are both recipients', async () => {
      await send({ from: 'sender@client.test', to: ['team@example.test', 'alice@example.test'], subject: 'Both ways', text: 'once' });
      const alice = await storedCopies(running.server.store, 'alice@example.test');
      const bob = await storedCopies(running.server.store, 'bob@example.test');
      assert.equal(alice.filter((copy) => copy.raw.includes('Subject: Both ways')).length, 1);
      assert.equal(bob.filter((copy) => copy.raw.includes('Subject: Both ways')).length, 1);
    });

    it('files user+tag@ into the user\'s INBOX', async () => {
      await send({ from: 'sender@client.test', to: 'dave+news@example.test', subject: 'Tagged', text: 'tag' });
      const copies = await storedCopies(running.server.store, 'dave@example.test');
      assert.equal(copies.length, 1);
      assert.match(copies[0]!.raw.toString('latin1'), /\tfor <dave\+news@example\.test>; /);
    });

    it('files mail to an unknown user of a catch-all domain into the catch-all account', async () => {
      await send({ from: 'sender@client.test', to: 'nobody-in-particular@catch.test', subject: 'Caught', text: 'net' });
      const copies = await storedCopies(running.server.store, 'bucket@example.test');
      assert.equal(copies.filter((copy) => copy.raw.includes('Subject: Caught')).length, 1);
    });

    it('stores one blob for a message to three recipients, and reports each copy', async () => {
      received.length = 0;
      delivered.length = 0;
      const recipients = ['alice@example.test', 'bob@example.test', 'carol@example.test'];
      await send({ from: 'events@client.test', to: recipients, subject: 'Three of you', text: 'one blob' });
      const copies = await Promise.all(recipients.map(async (account) => (await storedCopies(running.server.store, account)).at(-1)!));
      assert.equal(new Set(copies.map((copy) => copy.message.blobId)).size, 1);
      assert.ok(copies.every((copy) => copy.raw.includes('Subject: Three of you')));

      assert.equal(received.length, 1);
      const [event] = received;
      assert.deepEqual(event!.envelope.rcptTo, recipients);
      assert.equal(event!.envelope.mailFrom, 'events@client.test');
      assert.equal(event!.envelope.session.heloName, 'client.test');
      assert.equal(event!.envelope.session.remoteAddress, '127.0.0.1');
      // the size the receiver counted is what the client sent, without the trace headers
      assert.equal(event!.size, withoutTraceHeaders(copies[0]!.raw).length);

      assert.deepEqual(
        delivered.map(({ recipient, account, mailbox, uid, mailFrom, envelopeId }) => ({ recipient, account, mailbox, uid, mailFrom, envelopeId })),
        copies.map((copy, index) => ({
          recipient: recipients[index],
          account: recipients[index],
          mailbox: 'INBOX',
          uid: copy.message.uid,
          mailFrom: 'events@client.test',
          envelopeId: event!.envelope.id,
        })),
      );
    });

    it('records a summary for every copy once the indexer is idle', async () => {
      await running.server.deliverer.idle();
      const copies = await storedCopies(running.server.store, 'carol@example.test');
      assert.ok(copies.length > 0);
      for (const copy of copies) assert.notEqual(copy.message.summary, null, `uid ${copy.message.uid} has no summary`);
      assert.equal(copies[0]!.message.summary!.subject, 'Plain');
      assert.equal(copies[0]!.message.summary!.from[0]!.address, 'sender@client.test');
    });
  });
}
