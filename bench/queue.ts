/**
 * The outbound queue benchmark: messages per second from submission to the remote's 250, with 32
 * concurrent submission sessions, for posthouse (level store: every message synced into the
 * queue before the 250, then delivered by MX) and for a private Postfix relaying the same load to
 * the same sink, in one run. The sink is a bare smtp-server that counts and discards.
 *
 *   node --import tsx bench/queue.ts [--quick]   (also run by `npm run bench`, after the IMAP bench)
 *
 * posthouse runs in this process, next to the load; Postfix in its own processes. Postfix's
 * default destination concurrency is 20, so posthouse's sender gets 20 per domain as well.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createMailServer } from '../src/server.js';
import { levelStore } from '../src/store/index.js';
import { mapResolver } from '../src/sender/transport/index.js';
import { postfixAvailable, startPostfix } from './queue-postfix.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const plan = quick ? { messages: 200, sessions: 32 } : { messages: 3000, sessions: 32 };
const body = `${'The quick brown fox jumps over the lazy dog. '.repeat(20)}\n`.repeat(10);

/** A counting discard sink: resolves `until(n)` once n messages got their 250. */
async function startSink(): Promise<{ port: number; until(count: number): Promise<void>; close(): Promise<void> }> {
  let received = 0;
  let waiter: { count: number; resolve: () => void } | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        received += 1;
        callback();
        if (waiter !== null && received >= waiter.count) waiter.resolve();
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return {
    port,
    until: (count) => (received >= count ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { count: count, resolve }))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Sends `messages` over `sessions` pooled connections and resolves when the sink has them all. */
async function drive(port: number, auth: { user: string; pass: string } | null, sink: { until(count: number): Promise<void> }, offset: number): Promise<number> {
  const client = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    pool: true,
    maxConnections: plan.sessions,
    maxMessages: Infinity,
    ignoreTLS: true,
    ...(auth === null ? {} : { auth }),
  });
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: plan.messages }, (_, index) =>
      client.sendMail({ envelope: { from: 'alice@example.com', to: [`user${index % 50}@sink.test`] }, raw: `From: alice@example.com\r\nTo: user${index % 50}@sink.test\r\nSubject: queue bench ${index}\r\n\r\n${body}` }),
    ),
  );
  await sink.until(offset + plan.messages);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  client.close();
  return plan.messages / seconds;
}

async function posthouseRate(sink: Awaited<ReturnType<typeof startSink>>, offset: number): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), 'posthouse-queue-bench-'));
  const server = createMailServer({
    hostname: 'mail.example.com',
    store: levelStore({ path: scratch }),
    smtp: false,
    submission: { port: 0, allowInsecureAuth: true, limits: { maxConnectionsPerIp: 64 } },
    sender: {
      transport: 'mx',
      resolver: mapResolver({ 'sink.test': { mx: [{ exchange: 'mx.sink.test', priority: 10 }] }, 'mx.sink.test': { a: ['127.0.0.1'] } }),
      remoteSmtpPort: sink.port,
      concurrency: { total: 20, perDomain: 20 },
    },
    summaries: false,
  });
  try {
    await server.listen();
    await server.directory.addAccount('alice@example.com', { password: 'bench-password', createDomain: true });
    return await drive(server.addresses.submission!.port, { user: 'alice@example.com', pass: 'bench-password' }, sink, offset);
  } finally {
    await server.close();
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Runs the queue benchmark and prints posthouse's rate, Postfix's and their ratio. */
export async function runQueueBench(): Promise<void> {
  console.log(`\nqueue: ${plan.messages} messages of ~${Math.round(body.length / 1024)} KB, ${plan.sessions} concurrent submission sessions, submission -> remote 250`);
  const sink = await startSink();
  try {
    const posthouse = await posthouseRate(sink, 0);
    if (!(await postfixAvailable())) {
      console.log(`queue   posthouse ${posthouse.toFixed(0)} msg/s   (Postfix not installed: no comparison)`);
      return;
    }
    const postfix = await startPostfix({ kind: 'relay', relayPort: sink.port });
    let postfixRate: number;
    try {
      postfixRate = await drive(postfix.port, null, sink, plan.messages);
    } finally {
      await postfix.stop();
    }
    console.log(`queue   posthouse ${posthouse.toFixed(0)} msg/s   Postfix ${postfixRate.toFixed(0)} msg/s   ratio ${(posthouse / postfixRate).toFixed(2)}`);
  } finally {
    await sink.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await runQueueBench();
