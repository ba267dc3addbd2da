import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dkimVerify } from 'mailauth';
import { memoryStore } from '../../src/store/index.js';
import { DkimKeys, dkimDnsRecord, dkimSigningQueue, generateDkimKey, signWithDkim, type DkimKey } from '../../src/sender/dkim/index.js';
import type { OutboundMessage, OutboundQueue, QueuedMessage } from '../../src/interfaces/queue.js';
import { toMessageSource } from '../../src/core/message-source.js';
import { isPosthouseError } from '../../src/errors/posthouse-error.js';

const message = Buffer.from(
  'From: Alice <alice@example.com>\r\nTo: bob@remote.test\r\nSubject: signed\r\nDate: Mon, 1 Jan 2024 00:00:00 +0000\r\nMessage-ID: <1@example.com>\r\n\r\nHello Bob.\r\n',
);

/** A resolver that serves only the TXT record of `key`, as mailauth's dkimVerify asks for it. */
function resolverFor(key: DkimKey) {
  const record = dkimDnsRecord(key);
  return async (name: string, type: string): Promise<string[][]> => {
    if (type === 'TXT' && name === record.name) return [record.value.match(/.{1,255}/g) ?? []];
    throw Object.assign(new Error(`no ${type} for ${name}`), { code: 'ENOTFOUND' });
  };
}

for (const algorithm of ['rsa', 'ed25519'] as const) {
  test(`a ${algorithm} signature verifies with mailauth against the published record`, async () => {
    const key = generateDkimKey('example.com', { selector: 'sel1', algorithm });
    const signed = await signWithDkim(message, key);
    const result = await dkimVerify(signed, { resolver: resolverFor(key) });
    assert.equal(result.results.length, 1);
    const [first] = result.results;
    assert.equal(first?.status.result, 'pass', JSON.stringify(first?.status));
    assert.equal(first?.signingDomain, 'example.com');
    assert.match(first?.info ?? '', algorithm === 'rsa' ? /header\.a=rsa-sha256/ : /header\.a=ed25519-sha256/);
  });
}

test('a body changed after signing fails verification', async () => {
  const key = generateDkimKey('example.com', { algorithm: 'ed25519' });
  const signed = await signWithDkim(message, key);
  const tampered = Buffer.from(signed.toString('utf8').replace('Hello Bob.', 'Hello Eve.'));
  const result = await dkimVerify(tampered, { resolver: resolverFor(key) });
  // mailauth reports a body hash mismatch as neutral (RFC 6376 §6.3 leaves it to the verifier)
  assert.notEqual(result.results[0]?.status.result, 'pass');
  assert.match(result.results[0]?.status.comment ?? '', /body hash/i);
  const headerChanged = Buffer.from(signed.toString('utf8').replace('Subject: signed', 'Subject: forged'));
  assert.equal((await dkimVerify(headerChanged, { resolver: resolverFor(key) })).results[0]?.status.result, 'fail');
});

test('the DNS record names the selector, the algorithm and splits long keys into 255-octet strings', () => {
  const key = generateDkimKey('Example.COM', { selector: 'mail' });
  const record = dkimDnsRecord(key);
  assert.equal(record.name, 'mail._domainkey.example.com');
  assert.match(record.value, /^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$/);
  assert.match(record.zoneLine, /^mail\._domainkey\.example\.com\. IN TXT "v=DKIM1; k=rsa; p=[^"]{237}" "[^"]+"/);
  const ed = dkimDnsRecord(generateDkimKey('example.com', { algorithm: 'ed25519' }));
  assert.match(ed.value, /^v=DKIM1; k=ed25519; p=[A-Za-z0-9+/]{43}=$/);
});

test('bad domains, selectors and algorithms are refused with CONFIG_INVALID', () => {
  assert.throws(() => generateDkimKey('not a domain'), (error) => isPosthouseError(error, 'CONFIG_INVALID'));
  assert.throws(() => generateDkimKey('example.com', { selector: 'bad_selector!' }), (error) => isPosthouseError(error, 'CONFIG_INVALID'));
  assert.throws(() => generateDkimKey('example.com', { algorithm: 'dsa' as never }), (error) => isPosthouseError(error, 'CONFIG_INVALID'));
});

test('the signing queue signs mail of domains with a key and passes other mail unsigned', async () => {
  const store = memoryStore();
  await store.open();
  try {
    const keys = new DkimKeys(store.records);
    const key = generateDkimKey('example.com', { algorithm: 'ed25519' });
    await keys.put(key);
    assert.deepEqual(await keys.get('EXAMPLE.com'), key);
    const taken: OutboundMessage[] = [];
    const inner: OutboundQueue = {
      async enqueue(entry): Promise<QueuedMessage> {
        taken.push(entry);
        return { id: String(taken.length), mailFrom: entry.mailFrom, rcptTo: entry.rcptTo, reason: entry.reason, account: null, size: 0, queuedAt: '' };
      },
      list: async () => [],
      read: async () => toMessageSource(Buffer.alloc(0)),
    };
    const queue = dkimSigningQueue(inner, keys);
    await queue.enqueue({ mailFrom: 'alice@example.com', rcptTo: ['bob@remote.test'], source: message, reason: 'submission' });
    const foreign = Buffer.from(message.toString('utf8').replace('alice@example.com', 'carol@elsewhere.test'));
    await queue.enqueue({ mailFrom: 'carol@elsewhere.test', rcptTo: ['bob@remote.test'], source: foreign, reason: 'redirect' });
    const [signed, unsigned] = await Promise.all(taken.map((entry) => toMessageSource(entry.source).buffer()));
    assert.match(signed!.toString('utf8'), /^DKIM-Signature: v=1; a=ed25519-sha256;/);
    assert.equal((await dkimVerify(signed!, { resolver: resolverFor(key) })).results[0]?.status.result, 'pass');
    assert.deepEqual(unsigned, foreign);
  } finally {
    await store.close();
  }
});
