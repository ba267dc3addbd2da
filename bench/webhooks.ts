/**
 * The inbound webhook benchmark: webhook deliveries per second, from messages accepted over SMTP
 * (32 raw-socket sessions, ~10 KB messages) to a local receiver's 200, through a `post` route on
 * a level store: the durable queue write before the 250, then the dispatcher's parse, JSON,
 * signature and POST. Two peers in the same run, rounds alternating:
 *
 * - the floor of HTTP delivery on this machine: the same number of signed POSTs of the same JSON
 *   payload, sent by a plain loop with `fetch` at the dispatcher's concurrency to the same receiver;
 * - the SMTP side without webhooks: the same load into the same kind of server filing into
 *   mailboxes (`acceptAll`), to show what the route costs acceptance.
 *
 * Everything runs in this process (load, server, receiver), as an embedding application would.
 *
 *   node --import tsx bench/webhooks.ts [--quick]   (also run by `npm run bench`, quick mode honoured)
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signWebhook, SIGNATURE_HEADER } from '../src/access/webhooks/signature.js';
import { createMailServer, type MailServer } from '../src/server.js';
import { levelStore } from '../src/store/index.js';
import { median } from './lib/measure.js';
import { runSmtpLoad } from './lib/smtp-load.js';

const SESSIONS = 32;
/** The dispatcher's default POST concurrency, given to the floor loop as well. */
const CONCURRENCY = 8;
const SECRET = 'bench-webhook-secret-0123456789';

/** A receiver that answers 200 at once and resolves `until(n)` once n POSTs were read whole. */
interface Receiver {
  url: string;
  /** The first body a posthouse POST carried: the floor resends it. */
  firstBody: Buffer | null;
  until(count: number): Promise<void>;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  let received = 0;
  let waiter: { count: number; resolve: () => void } | null = null;
  const receiver: Receiver = { url: '', firstBody: null, until: () => Promise.resolve(), close: () => Promise.resolve() };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      receiver.firstBody ??= Buffer.concat(chunks);
      response.writeHead(200, { 'content-length': 0 }).end();
      received += 1;
      if (waiter !== null && received >= waiter.count) waiter.resolve();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/mail`;
  receiver.until = (count) => (received >= count ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { count, resolve })));
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Sends `messages` over SMTP and resolves the accept rate; throws on any refusal. */
async function smtpLoad(port: number, messages: number, runId: string): Promise<{ acceptPerSecond: number; started: number }> {
  const started = performance.now();
  const result = await runSmtpLoad({ host: '127.0.0.1', port, sessions: SESSIONS, messages, runId });
  if (result.accepted !== messages) throw new Error(`run ${runId}: ${result.accepted}/${messages} accepted, rejected ${JSON.stringify(result.rejected)}, ${result.sessionErrors.slice(0, 3).join('; ')}`);
  return { acceptPerSecond: (messages * 1000) / result.elapsedMs, started };
}

/** One round through the `post` route: resolves the end-to-end delivery rate and the accept rate. */
async function webhookRound(server: MailServer, receiver: Receiver, offset: number, messages: number, runId: string): Promise<{ deliveriesPerSecond: number; acceptPerSecond: number }> {
  const { acceptPerSecond, started } = await smtpLoad(server.addresses.smtp!.port, messages, runId);
  await receiver.until(offset + messages);
  const deliveriesPerSecond = (messages * 1000) / (performance.now() - started);
  // The 200s are in; let the dispatcher finish removing its deliveries before the next round.
  while (server.webhooks!.pendingCount > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  return { deliveriesPerSecond, acceptPerSecond };
}

/** The floor: `count` signed POSTs of `body` from `CONCURRENCY` plain fetch loops. */
async function floorRound(receiver: Receiver, body: Buffer, count: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const loop = async (): Promise<void> => {
    for (let index = next++; index < count; index = next++) {
      const headers = { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(SECRET, Math.floor(Date.now() / 1000), body), 'Posthouse-Delivery-Id': `floor-${index}` };
      const response = await fetch(receiver.url, { method: 'POST', headers, body });
      await response.body?.cancel();
      if (response.status !== 200) throw new Error(`floor POST: ${response.status}`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  return (count * 1000) / (performance.now() - started);
}

async function startPosthouse(path: string, webhookUrl: string | null): Promise<MailServer> {
  const server = createMailServer({
    hostname: 'bench.posthouse.test',
    store: levelStore({ path }),
    // All 32 load sessions come from 127.0.0.1; the default per-address cap is 20.
    smtp: { port: 0, host: '127.0.0.1', limits: { maxConnectionsPerIp: 64 } },
    ...(webhookUrl === null
      ? { directory: { acceptAll: true } }
      : { webhooks: { concurrency: CONCURRENCY, routes: [{ id: 'bench', match: { domain: 'load.posthouse.test' }, action: 'post' as const, url: webhookUrl, secret: SECRET }] } }),
  });
  await server.listen();
  return server;
}

/** Runs the webhook benchmark and prints the delivery rate against the floor, and the accept rates. */
export async function runWebhookBench(quick: boolean): Promise<{ deliveriesPerSecond: number; floorPerSecond: number; acceptPerSecond: number; plainAcceptPerSecond: number }> {
  const plan = quick ? { rounds: 1, warmup: 20, messages: 150 } : { rounds: 3, warmup: 200, messages: 2000 };
  const scratch = await mkdtemp(join(tmpdir(), 'posthouse-webhook-bench-'));
  const receiver = await startReceiver();
  const servers: MailServer[] = [];
  try {
    const hooked = await startPosthouse(join(scratch, 'hooked'), receiver.url);
    servers.push(hooked);
    const plain = await startPosthouse(join(scratch, 'plain'), null);
    servers.push(plain);
    let posted = 0;
    await webhookRound(hooked, receiver, posted, plan.warmup, 'wh-warm');
    posted += plan.warmup;
    const body = receiver.firstBody!;
    await floorRound(receiver, body, plan.warmup);
    posted += plan.warmup;
    await smtpLoad(plain.addresses.smtp!.port, plan.warmup, 'plain-warm');
    const rates = { deliveries: [] as number[], floor: [] as number[], accept: [] as number[], plainAccept: [] as number[] };
    for (let round = 0; round < plan.rounds; round++) {
      rates.floor.push(await floorRound(receiver, body, plan.messages));
      posted += plan.messages;
      const hookedRound = await webhookRound(hooked, receiver, posted, plan.messages, `wh-${round}`);
      posted += plan.messages;
      rates.deliveries.push(hookedRound.deliveriesPerSecond);
      rates.accept.push(hookedRound.acceptPerSecond);
      rates.plainAccept.push((await smtpLoad(plain.addresses.smtp!.port, plan.messages, `plain-${round}`)).acceptPerSecond);
    }
    const figures = {
      deliveriesPerSecond: median(rates.deliveries),
      floorPerSecond: median(rates.floor),
      acceptPerSecond: median(rates.accept),
      plainAcceptPerSecond: median(rates.plainAccept),
    };
    console.log(`\nwebhooks: ${plan.rounds} x ${plan.messages} messages (~10 KB) over ${SESSIONS} SMTP sessions -> post route -> local receiver, ${CONCURRENCY} POSTs at once, JSON payload ${(body.length / 1024).toFixed(1)} KiB`);
    console.log(`  posthouse  SMTP accept -> receiver 200   ${figures.deliveriesPerSecond.toFixed(0).padStart(6)} deliveries/s`);
    console.log(`  fetch floor, same signed payload         ${figures.floorPerSecond.toFixed(0).padStart(6)} POSTs/s`);
    console.log(`  ratio (posthouse / floor)                ${(figures.deliveriesPerSecond / figures.floorPerSecond).toFixed(2)}`);
    console.log(`  SMTP accept rate: with the post route ${figures.acceptPerSecond.toFixed(0)} msg/s, filing to mailboxes ${figures.plainAcceptPerSecond.toFixed(0)} msg/s, ratio ${(figures.acceptPerSecond / figures.plainAcceptPerSecond).toFixed(2)}`);
    return figures;
  } finally {
    for (const server of servers) await server.close({ graceMs: 0 });
    await receiver.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runWebhookBench(process.argv.includes('--quick') || process.env.BENCH_QUICK === '1');
}
