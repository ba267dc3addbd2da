import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { MessageSummary } from '../../../src/interfaces/message.js';
import type { Store } from '../../../src/interfaces/store.js';
import { MAX_SCANNED_PER_PAGE } from '../../../src/access/http/routes/messages.js';
import { createMailServer, type MailServer } from '../../../src/server.js';
import { memoryStore } from '../../../src/store/index.js';

const ACCOUNT = 'alice@a.test';
const TOTAL = 12_000;
const inbox = `/api/accounts/${ACCOUNT}/mailboxes/INBOX/messages`;

/** A store that counts the messages `listMessages` hands out: what a page really cost. */
function countingStore(inner: Store): { store: Store; handedOut: () => number; reset: () => void } {
  let count = 0;
  const store = new Proxy(inner, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'listMessages') {
        return async (...args: Parameters<Store['listMessages']>) => {
          const listed = await target.listMessages(...args);
          count += listed.length;
          return listed;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store, handedOut: () => count, reset: () => (count = 0) };
}

function summary(index: number): MessageSummary {
  const subject = index === 3 ? 'the needle' : `message ${index}`;
  return { subject, from: [{ name: '', address: 'sender@outside.test' }], to: [{ name: '', address: ACCOUNT }], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false };
}

let server: MailServer;
let counting: ReturnType<typeof countingStore>;
let key: string;
before(async () => {
  counting = countingStore(memoryStore());
  server = createMailServer({ store: counting.store, smtp: false, http: false, rules: false });
  await server.listen();
  await server.store.ensureAccount(ACCOUNT);
  key = (await server.http.keys.create({ kind: 'server' })).key;
  for (let index = 1; index <= TOTAL; index++) {
    await server.store.deliver({ source: Buffer.from(`Subject: ${summary(index).subject}\r\n\r\nbody ${index}\r\n`), targets: [{ account: ACCOUNT, mailbox: 'INBOX' }], summary: summary(index) });
  }
});
after(async () => server.close({ graceMs: 0 }));

async function page(query: string): Promise<{ uids: number[]; nextCursor: number | null }> {
  const response = await server.http.fetch(new Request(`http://api.test${inbox}?${query}`, { headers: { authorization: `Bearer ${key}` } }));
  assert.equal(response.status, 200, await response.clone().text());
  const body = (await response.json()) as { messages: Array<{ uid: number }>; nextCursor: number | null };
  return { uids: body.messages.map((message) => message.uid), nextCursor: body.nextCursor };
}

function range(from: number, to: number): number[] {
  const step = from <= to ? 1 : -1;
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, index) => from + index * step);
}

test('the newest page reads the page (and one more) from the store, not the mailbox', async () => {
  counting.reset();
  const first = await page('limit=50');
  assert.deepEqual(first.uids, range(TOTAL, TOTAL - 49));
  assert.equal(first.nextCursor, TOTAL - 49);
  assert.ok(counting.handedOut() <= 51, `the store handed out ${counting.handedOut()} messages for a page of 50`);
  counting.reset();
  const second = await page(`limit=50&cursor=${first.nextCursor}`);
  assert.deepEqual(second.uids, range(TOTAL - 50, TOTAL - 99));
  assert.ok(counting.handedOut() <= 51);
});

test('oldest first, offsets and the last page: what it skips and shows, nothing more', async () => {
  counting.reset();
  const skipped = await page('order=oldest&offset=100&limit=10');
  assert.deepEqual(skipped.uids, range(101, 110));
  assert.equal(skipped.nextCursor, 110);
  assert.ok(counting.handedOut() <= 111, `handed out ${counting.handedOut()}`);
  const last = await page(`order=oldest&cursor=${TOTAL - 3}&limit=10`);
  assert.deepEqual(last.uids, range(TOTAL - 2, TOTAL));
  assert.equal(last.nextCursor, null);
  assert.deepEqual((await page('limit=3&cursor=3')).uids, [2, 1]);
  assert.equal((await page('limit=3&cursor=1')).nextCursor, null);
});

test('a filter that matches little scans a bounded number of messages per request; the cursor continues the scan', async () => {
  counting.reset();
  const first = await page('subject=needle&limit=10');
  assert.deepEqual(first.uids, []);
  assert.equal(first.nextCursor, TOTAL - MAX_SCANNED_PER_PAGE + 1, 'continues after the last message examined');
  assert.ok(counting.handedOut() <= MAX_SCANNED_PER_PAGE, `handed out ${counting.handedOut()}`);
  const found: number[] = [];
  let cursor: number | null = first.nextCursor;
  let requests = 1;
  while (cursor !== null && requests < 10) {
    const next = await page(`subject=needle&limit=10&cursor=${cursor}`);
    found.push(...next.uids);
    cursor = next.nextCursor;
    requests += 1;
  }
  assert.deepEqual(found, [3]);
  assert.equal(cursor, null);
  assert.equal(requests, Math.ceil(TOTAL / MAX_SCANNED_PER_PAGE));
});

test('filtered pages match a full scan, page after page', async () => {
  await server.store.updateFlags(ACCOUNT, 'INBOX', { uids: [{ start: 11_990, end: 12_000 }, { start: 11_900, end: 11_905 }] }, { operation: 'add', flags: ['\\Flagged'] });
  const uids: number[] = [];
  let cursor: number | null = null;
  do {
    const next = await page(`flag=%5CFlagged&limit=4${cursor === null ? '' : `&cursor=${cursor}`}`);
    assert.ok(next.uids.length <= 4);
    uids.push(...next.uids);
    cursor = next.nextCursor;
  } while (cursor !== null);
  assert.deepEqual(uids, [...range(12_000, 11_990), ...range(11_905, 11_900)]);
  assert.deepEqual((await page('flag=%5CFlagged&limit=2&offset=11')).uids, [11_905, 11_904]);
});
