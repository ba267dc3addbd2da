import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SmtpError } from '../../src/errors/smtp-error.js';
import { envelope, message, result, rulesDeliverer } from './rules-fixture.js';

const read = async (store: Awaited<ReturnType<typeof rulesDeliverer>>['store'], account: string, mailbox: string, uid: number) =>
  (await (await store.readMessage(account, mailbox, uid)).buffer()).toString('utf8');

test('fileinto :create with flags files there, and the explanation is kept by UID', async () => {
  const { deliverer, setRules, store, explanations } = await rulesDeliverer();
  await setRules('a@example.com', result({ actions: [{ type: 'store', mailbox: 'Reports', flags: ['\\seen', 'Quarterly'], copy: false, create: true }] }));
  const outcome = await deliverer.deliver(envelope(['a@example.com']), message);
  const [copy] = outcome.recipients[0]!.filed;
  assert.equal(copy?.mailbox, 'Reports');
  assert.deepEqual((await store.getMessage('a@example.com', 'Reports', copy!.uid))?.flags, ['\\Seen', 'Quarterly']);
  const explanation = await explanations.explain('a@example.com', 'Reports', copy!.uid, copy!.uidValidity);
  assert.equal(explanation?.result.trace[0]?.description, 'test');
  assert.equal(explanation?.recipient, 'a@example.com');
  assert.equal(await explanations.explain('a@example.com', 'Reports', copy!.uid, copy!.uidValidity + 1), null, 'a recreated mailbox shows none');
});

test('fileinto a missing mailbox without :create keeps the copy in INBOX with a note', async () => {
  const { deliverer, setRules, explanations } = await rulesDeliverer();
  await setRules('a@example.com', result({ actions: [{ type: 'store', mailbox: 'Nowhere', flags: [], copy: false }] }));
  const [copy] = (await deliverer.deliver(envelope(['a@example.com']), message)).recipients[0]!.filed;
  assert.equal(copy?.mailbox, 'INBOX');
  const explanation = await explanations.explain('a@example.com', 'INBOX', copy!.uid, null);
  assert.deepEqual(explanation?.notes, ['fileinto "Nowhere": no such mailbox and no :create, kept in INBOX']);
});

test('reject answers 550 5.7.1 for a single recipient; with two it files the other and reports the refusal', async () => {
  const { deliverer, setRules, store } = await rulesDeliverer();
  await setRules('a@example.com', result({ actions: [{ type: 'reject', reason: 'No thanks' }] }));
  await assert.rejects(deliverer.deliver(envelope(['a@example.com']), message), (error: unknown) => {
    assert.ok(error instanceof SmtpError);
    assert.equal(`${error.responseCode} ${error.enhancedCode} ${error.message}`, '550 5.7.1 No thanks');
    return true;
  });
  const rejected: unknown[] = [];
  deliverer.on('rejected', (event) => rejected.push(event));
  const outcome = await deliverer.deliver(envelope(['a@example.com', 'b@example.com']), message);
  assert.deepEqual(outcome.recipients.map((entry) => entry.filed.length), [0, 1]);
  assert.deepEqual(rejected, [{ stage: 'data', remoteAddress: '127.0.0.1', responseCode: 550, enhancedCode: '5.7.1', message: 'No thanks', address: 'a@example.com' }]);
  assert.equal((await store.mailboxStatus('a@example.com', 'INBOX'))?.messages, 0);
});

test('redirect and vacation go to the queue; vacation is a proper RFC 3834 reply', async () => {
  const { deliverer, setRules, queue } = await rulesDeliverer();
  await setRules('a@example.com', result({
    actions: [
      { type: 'redirect', address: 'c@example.net', copy: true },
      { type: 'vacation', seconds: 7 * 86_400, reason: 'I am away.' },
    ],
    implicit_keep: { type: 'store', mailbox: 'INBOX', flags: [], copy: false },
  }));
  await deliverer.deliver(envelope(['a@example.com']), message);
  const queued = await queue.list();
  assert.deepEqual(queued.map(({ reason, mailFrom, rcptTo, account }) => ({ reason, mailFrom, rcptTo, account })), [
    { reason: 'redirect', mailFrom: 'bob@example.org', rcptTo: ['c@example.net'], account: 'a@example.com' },
    { reason: 'vacation', mailFrom: '', rcptTo: ['bob@example.org'], account: 'a@example.com' },
  ]);
  const redirected = (await (await queue.read(queued[0]!.id)).buffer()).toString();
  assert.equal(redirected, (await message.buffer()).toString(), 'the original bytes, without our Return-Path');
  const reply = (await (await queue.read(queued[1]!.id)).buffer()).toString();
  assert.match(reply, /^From: a@example\.com\r\n/);
  assert.match(reply, /\r\nTo: <bob@example\.org>\r\n/);
  assert.match(reply, /\r\nSubject: Auto: Quarterly report\r\n/);
  assert.match(reply, /\r\nIn-Reply-To: <m1@example\.org>\r\nReferences: <m1@example\.org>\r\n/);
  assert.match(reply, /\r\nAuto-Submitted: auto-replied\r\n/);
  assert.match(reply, /\r\n\r\nI am away\.\r\n$/);
});

test('a suppressed vacation and a null sender send nothing', async () => {
  const { deliverer, setRules, queue } = await rulesDeliverer();
  await setRules('a@example.com', result({ actions: [{ type: 'vacation', seconds: 86_400, reason: 'away', suppressed: 'mailing list' }] }));
  await deliverer.deliver(envelope(['a@example.com']), message);
  await setRules('a@example.com', result({ actions: [{ type: 'vacation', seconds: 86_400, reason: 'away' }] }));
  await deliverer.deliver(envelope(['a@example.com'], ''), message);
  assert.deepEqual(await queue.list(), []);
});

test('editheader changes only that recipient\'s copy; junk files into Junk; discard files nothing', async () => {
  const { deliverer, setRules, store } = await rulesDeliverer();
  await setRules('a@example.com', result({
    actions: [
      { type: 'addheader', name: 'X-Sorted', value: 'by rules' },
      { type: 'deleteheader', name: 'X-Spam' },
      { type: 'deleteheader', name: 'Received' },
    ],
    implicit_keep: { type: 'store', mailbox: 'INBOX', flags: [], copy: false },
  }));
  await setRules('b@example.com', result({ actions: [{ type: 'junk' }] }));
  const outcome = await deliverer.deliver(envelope(['a@example.com', 'b@example.com']), message);
  const [edited] = outcome.recipients[0]!.filed;
  const [junk] = outcome.recipients[1]!.filed;
  const text = await read(store, 'a@example.com', 'INBOX', edited!.uid);
  assert.match(text, /^Return-Path: <bob@example\.org>\r\nX-Sorted: by rules\r\nFrom: Bob/);
  assert.doesNotMatch(text, /X-Spam/);
  assert.equal(junk?.mailbox, 'Junk');
  assert.match(await read(store, 'b@example.com', 'Junk', junk!.uid), /X-Spam: yes/);
  assert.notEqual(edited?.blobId, junk?.blobId, 'the edited copy has a blob of its own');

  await setRules('a@example.com', result({ actions: [{ type: 'discard' }] }));
  const discarded = await deliverer.deliver(envelope(['a@example.com']), message);
  assert.deepEqual(discarded.recipients[0]!.filed, []);
});

test('a failed run keeps the message in INBOX; an account without scripts gets INBOX', async () => {
  const { deliverer, setRules } = await rulesDeliverer();
  await setRules('a@example.com', result({ status: 'error', diagnostics: [{ severity: 'error', message: 'boom', position: null }], actions: [{ type: 'discard' }] }));
  const outcome = await deliverer.deliver(envelope(['a@example.com', 'b@example.com']), message);
  assert.deepEqual(outcome.recipients.map((entry) => entry.filed.map((copy) => copy.mailbox)), [['INBOX'], ['INBOX']]);
});
