/**
 * The three IMAP measurements, the same for any server: they only need its port and, for memory,
 * a way to read the memory of its processes.
 */
import { BenchImapClient } from './imap-client.js';
import { BENCH_ACCOUNT, BENCH_PASSWORD } from './bench-account.js';
import type { TreeMemory } from './process-memory.js';

async function loggedIn(port: number): Promise<BenchImapClient> {
  const client = await BenchImapClient.open(port);
  await client.login(BENCH_ACCOUNT, BENCH_PASSWORD);
  return client;
}

/** Milliseconds of one SELECT and of the `FETCH 1:* (FLAGS UID)` after it, on a new connection. */
export interface SelectFetchTiming {
  selectMs: number;
  fetchMs: number;
}

/**
 * SELECT `mailbox` and `FETCH 1:* (FLAGS UID)`, checking that every one of `expected` messages came back.
 *
 * @example
 * const { selectMs, fetchMs } = await timeSelectFetch(port, 'Big', 100_000);
 */
export async function timeSelectFetch(port: number, mailbox: string, expected: number): Promise<SelectFetchTiming> {
  const client = await loggedIn(port);
  try {
    const started = performance.now();
    await client.run(`SELECT ${mailbox}`);
    const selected = performance.now();
    const fetched = await client.run('FETCH 1:* (FLAGS UID)');
    const done = performance.now();
    if (fetched.untagged !== expected) throw new Error(`FETCH 1:* (FLAGS UID) returned ${fetched.untagged} responses, expected ${expected}`);
    return { selectMs: selected - started, fetchMs: done - selected };
  } finally {
    client.destroy();
  }
}

/**
 * MB/s (2^20 bytes) of message bytes for `FETCH 1:* (BODY.PEEK[])` over `mailbox` (PEEK, so the
 * \Seen flag stays unset and every round does the same work), timed from the command to its OK.
 */
export async function fetchBodyThroughput(port: number, mailbox: string, expected: number): Promise<{ mbPerSecond: number; bytes: number }> {
  const client = await loggedIn(port);
  try {
    await client.run(`EXAMINE ${mailbox}`);
    const started = performance.now();
    const fetched = await client.run('FETCH 1:* (BODY.PEEK[])');
    const seconds = (performance.now() - started) / 1000;
    if (fetched.untagged !== expected) throw new Error(`FETCH BODY.PEEK[] returned ${fetched.untagged} responses, expected ${expected}`);
    return { mbPerSecond: fetched.literalBytes / 2 ** 20 / seconds, bytes: fetched.literalBytes };
  } finally {
    client.destroy();
  }
}

/** Milliseconds of `FETCH 1:* (ENVELOPE BODYSTRUCTURE)` the first time a mailbox is asked for them, and again. */
export interface EnvelopeTiming {
  firstMs: number;
  againMs: number;
}

/**
 * `FETCH 1:* (ENVELOPE BODYSTRUCTURE)` over `mailbox`, twice on one connection: the first time
 * both servers parse every message (posthouse renders and records them, as it leaves them out at
 * delivery; Dovecot fills its cache), the second they answer from what they kept.
 */
export async function timeEnvelopeFetch(port: number, mailbox: string, expected: number): Promise<EnvelopeTiming> {
  const client = await loggedIn(port);
  try {
    await client.run(`EXAMINE ${mailbox}`);
    const timings: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      const started = performance.now();
      const fetched = await client.run('FETCH 1:* (ENVELOPE BODYSTRUCTURE)');
      timings.push(performance.now() - started);
      if (fetched.untagged !== expected) throw new Error(`FETCH (ENVELOPE BODYSTRUCTURE) returned ${fetched.untagged} responses, expected ${expected}`);
    }
    return { firstMs: timings[0]!, againMs: timings[1]! };
  } finally {
    client.destroy();
  }
}

/** Memory growth of a server holding `connections` idle ones, per connection. */
export interface IdleMemory {
  connections: number;
  before: TreeMemory;
  after: TreeMemory;
  rssPerConnectionBytes: number;
  pssPerConnectionBytes: number;
}

/** Connections opened at once while building the idle set: enough to be quick, few enough not to queue at accept. */
const OPENING_AT_ONCE = 50;

/**
 * Opens `connections` connections (LOGIN, SELECT INBOX, IDLE), reads the server's memory with
 * `memory` before and after, and closes them.
 */
export async function idleConnectionMemory(port: number, connections: number, memory: () => Promise<TreeMemory>): Promise<IdleMemory> {
  // One connection first, so code paths loaded on first use do not count as per-connection memory.
  const first = await openIdle(port);
  first.destroy();
  await settle();
  const before = await memory();
  const clients: BenchImapClient[] = [];
  try {
    while (clients.length < connections) {
      const batch = Math.min(OPENING_AT_ONCE, connections - clients.length);
      clients.push(...(await Promise.all(Array.from({ length: batch }, () => openIdle(port)))));
    }
    await settle();
    const after = await memory();
    return {
      connections,
      before,
      after,
      rssPerConnectionBytes: (after.rssBytes - before.rssBytes) / connections,
      pssPerConnectionBytes: (after.pssBytes - before.pssBytes) / connections,
    };
  } finally {
    for (const client of clients) client.destroy();
    await settle();
  }
}

async function openIdle(port: number): Promise<BenchImapClient> {
  const client = await loggedIn(port);
  await client.run('SELECT INBOX');
  await client.idle();
  return client;
}

/** Lets the servers finish what the last connections started (process spawns, timers) before reading memory. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000));
}
