import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mergeTargets, planFiling } from '../../src/deliverer/filing.js';
import { SmtpError } from '../../src/errors/smtp-error.js';
import { bufferSource } from '../../src/core/message-source.js';
import type { FilingContext, FilingHook } from '../../src/interfaces/delivery.js';

const context: FilingContext = {
  envelope: {
    id: 'e1',
    mailFrom: 'a@example.org',
    rcptTo: ['b@example.com'],
    receivedAt: new Date(0),
    session: { id: 's', remoteAddress: '127.0.0.1', heloName: 'x', secure: false, authenticatedUser: null },
  },
  recipient: 'b@example.com',
  account: 'b@example.com',
  detail: null,
  headers: [],
  source: bufferSource('Subject: x\r\n\r\nbody\r\n'),
};

const hook = (name: string, decide: FilingHook['decide']): FilingHook => ({ name, decide });

test('without hooks a copy goes to INBOX', async () => {
  const plan = await planFiling([], context);
  assert.deepEqual(plan.targets, [{ account: 'b@example.com', mailbox: 'INBOX', flags: [], create: false }]);
  assert.equal(plan.rejection, null);
});

test('the first hook with an opinion decides; later hooks are not asked', async () => {
  const asked: string[] = [];
  const plan = await planFiling(
    [
      hook('silent', async () => { asked.push('silent'); return undefined; }),
      hook('files', async () => { asked.push('files'); return [{ type: 'fileinto', mailbox: 'Invoices', flags: ['\\Flagged'], create: true }]; }),
      hook('never', async () => { asked.push('never'); return [{ type: 'discard' }]; }),
    ],
    context,
  );
  assert.deepEqual(asked, ['silent', 'files']);
  assert.deepEqual(plan.targets, [{ account: 'b@example.com', mailbox: 'Invoices', flags: ['\\Flagged'], create: true }]);
});

test('discard files nothing; reject files nothing and carries the reply', async () => {
  assert.deepEqual((await planFiling([hook('d', async () => [{ type: 'discard' }])], context)).targets, []);
  const refusal = new SmtpError(550, '5.7.1', 'Not wanted');
  const plan = await planFiling([hook('r', async () => [{ type: 'fileinto', mailbox: 'X' }, { type: 'reject', error: refusal }])], context);
  assert.deepEqual(plan.targets, []);
  assert.equal(plan.rejection, refusal);
});

test('merging gives one copy per account and mailbox, flags united, INBOX case-insensitive', () => {
  const merged = mergeTargets([
    { account: 'a@x', mailbox: 'INBOX', flags: ['\\Seen'] },
    { account: 'a@x', mailbox: 'inbox', flags: ['\\Flagged', '\\Seen'] },
    { account: 'b@x', mailbox: 'INBOX' },
    { account: 'a@x', mailbox: 'Work', create: true },
  ]);
  assert.deepEqual(merged, [
    { account: 'a@x', mailbox: 'INBOX', flags: ['\\Seen', '\\Flagged'], create: false },
    { account: 'b@x', mailbox: 'INBOX', flags: [] },
    { account: 'a@x', mailbox: 'Work', flags: [], create: true },
  ]);
});
