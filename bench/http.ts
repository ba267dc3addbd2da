/**
 * The HTTP API benchmark: latency of the newest page (`GET …/mailboxes/INBOX/messages?limit=50`)
 * over a mailbox of 100,000 messages in a level store, against a floor in the same run: a plain
 * `node:http` server answering the same page as precomputed JSON. Both are fetched over loopback
 * by the same client, one request at a time, rounds alternating. Run by bench/run.ts after the
 * SMTP bench, or alone: `npx tsx bench/http.ts [--quick]`.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageSummary } from '../src/interfaces/message.js';
import { createMailServer } from '../src/server.js';
import { levelStore } from '../src/store/index.js';

const ACCOUNT = 'bench@http.test';

function summary(index: number): MessageSummary {
  return {
    subject: `Invoice ${index}`, from: [{ name: 'Billing', address: 'billing@vendor.test' }], to: [{ name: '', address: ACCOUNT }], cc: [],
    date: new Date(1_780_000_000_000 + index * 1000), messageId: `<${index}@vendor.test>`, snippet: `Your invoice number ${index} is attached.`, hasAttachments: false,
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * fraction))]!;
}

/** Fetches `url` `count` times, one after another; resolves the latencies in ms, sorted. */
async function latencies(url: string, headers: Record<string, string>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((left, right) => left - right);
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

/** Fills the store, measures both peers, prints one line each and the ratio; resolves the figures. */
export async function runHttpBench(quick: boolean): Promise<{ messages: number; requests: number; posthouse: { p50: number; p95: number }; floor: { p50: number; p95: number } }> {
  const plan = quick ? { messages: 2_000, requests: 40, rounds: 2 } : { messages: 100_000, requests: 200, rounds: 3 };
  const dir = await mkdtemp(join(tmpdir(), 'posthouse-bench-http-'));
  const server = createMailServer({ store: levelStore({ path: dir }), smtp: false, rules: false, http: { port: 0 } });
  let floor: Server | null = null;
  try {
    const addresses = await server.listen();
    await server.store.ensureAccount(ACCOUNT);
    const filling = Date.now();
    const batch: Promise<unknown>[] = [];
    for (let index = 1; index <= plan.messages; index++) {
      const source = Buffer.from(`From: billing@vendor.test\r\nTo: ${ACCOUNT}\r\nSubject: Invoice ${index}\r\n\r\nYour invoice number ${index} is attached.\r\n`);
      // Deliveries in flight together share one group-committed sync.
      batch.push(server.store.deliver({ source, targets: [{ account: ACCOUNT, mailbox: 'INBOX' }], summary: summary(index) }));
      if (batch.length === 256) await Promise.all(batch.splice(0));
    }
    await Promise.all(batch);
    const fillSeconds = (Date.now() - filling) / 1000;
    const key = (await server.http.keys.create({ kind: 'server' })).key;
    const path = `/api/accounts/${ACCOUNT}/mailboxes/INBOX/messages?limit=50`;
    const apiUrl = `http://127.0.0.1:${addresses.http!.port}${path}`;
    const headers = { authorization: `Bearer ${key}` };
    const page = Buffer.from(await (await fetch(apiUrl, { headers })).arrayBuffer());
    floor = createServer((_request, response) => response.writeHead(200, { 'content-type': 'application/json', 'content-length': page.length }).end(page));
    const floorUrl = `http://127.0.0.1:${await listen(floor)}${path}`;
    await latencies(apiUrl, headers, 20);
    await latencies(floorUrl, {}, 20);
    const posthouseTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let round = 0; round < plan.rounds; round++) {
      floorTimes.push(...(await latencies(floorUrl, {}, plan.requests)));
      posthouseTimes.push(...(await latencies(apiUrl, headers, plan.requests)));
    }
    posthouseTimes.sort((left, right) => left - right);
    floorTimes.sort((left, right) => left - right);
    const posthouse = { p50: percentile(posthouseTimes, 0.5), p95: percentile(posthouseTimes, 0.95) };
    const floorFigures = { p50: percentile(floorTimes, 0.5), p95: percentile(floorTimes, 0.95) };
    console.log(`\nHTTP API: newest page of 50 from ${plan.messages.toLocaleString('en')} stored messages (filled in ${fillSeconds.toFixed(1)} s), ${plan.rounds} x ${plan.requests} sequential requests, ${(page.length / 1024).toFixed(1)} KiB JSON`);
    console.log(`  posthouse API      p50 ${posthouse.p50.toFixed(2)} ms  p95 ${posthouse.p95.toFixed(2)} ms`);
    console.log(`  node:http floor    p50 ${floorFigures.p50.toFixed(2)} ms  p95 ${floorFigures.p95.toFixed(2)} ms  (precomputed JSON)`);
    console.log(`  ratio (posthouse / floor)  p50 ${(posthouse.p50 / floorFigures.p50).toFixed(1)}x  p95 ${(posthouse.p95 / floorFigures.p95).toFixed(1)}x`);
    return { messages: plan.messages, requests: plan.requests * plan.rounds, posthouse, floor: floorFigures };
  } finally {
    await new Promise<void>((resolve) => (floor === null ? resolve() : floor.close(() => resolve())));
    await server.close({ graceMs: 0 });
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runHttpBench(process.argv.includes('--quick') || process.env.BENCH_QUICK === '1');
}
