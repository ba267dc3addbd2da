/**
 * The SMTP ingest benchmark: posthouse (durable, level store) against a bare smtp-server that
 * discards what it reads, side by side in one run. Each server runs in a child process of its own
 * (see bench/lib/bench-control.ts for why); this process only drives the load.
 *
 *   npm run bench                 full run (~1-3 minutes)
 *   npm run bench -- --quick      a few hundred messages, for CI (or BENCH_QUICK=1)
 *   npm run bench -- --profile    also writes a CPU profile of the posthouse child
 *   npm run bench -- --only smtp  one benchmark: smtp, rules, http, imap, queue or webhooks (or BENCH_ONLY=smtp)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureThroughput, median } from './lib/measure.js';
import { runHttpBench } from './http.js';
import { printRulesBench } from './rules.js';
import { startServerProcess, type ServerProcess, type ServerStats } from './lib/server-process.js';
import type { ThreadCpu } from './lib/thread-cpu.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const profile = process.argv.includes('--profile');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : process.env.BENCH_ONLY;
/** Whether benchmark `name` runs: all of them unless --only names one. */
const runs = (name: string): boolean => only === undefined || only === name;

/**
 * Rounds alternate the peers (raw, posthouse, raw, ...) so drift on a shared machine hits both. Five
 * rounds rather than three: on a busy 2-core machine single rounds of the same code differ by up to
 * a third, and the median of three still moved the ratio by ±0.05 from run to run.
 */
const plan = quick
  ? { rounds: 3, warmup: 20, messages: { 1: 40, 32: 120 } as Record<number, number> }
  : { rounds: 5, warmup: 300, messages: { 1: 1000, 32: 4000 } as Record<number, number> };
const concurrencies = [1, 32];

interface Row {
  sessions: number;
  rawPerSecond: number;
  posthousePerSecond: number;
  ratio: number;
  /** The lowest and highest ratio of a round pair (each posthouse round over the raw round before it). */
  roundRatios: [number, number];
  /** Server CPU time per message over the measured rounds: steadier than rates on a shared machine. */
  rawCpuMicrosPerMessage: number;
  posthouseCpuMicrosPerMessage: number;
  posthousePeakRssMiB: number;
  /** posthouse's CPU time per message by kind of thread (null off Linux), as {@link ThreadCpu} splits it. */
  posthouseThreadMicrosPerMessage: ThreadCpu | null;
  /** The share of the measured wall time posthouse's event loop spent running callbacks. */
  posthouseMainBusy: number;
}

/** Whether posthouse kept up with its summaries: what a run that skipped them would hide. */
interface SummaryCount {
  messages: number;
  summarized: number;
}

/** What the measured rounds against one server cost it, summed. */
interface RoundCosts {
  cpuMicros: number;
  threads: ThreadCpu | null;
  eventLoopActiveMs: number;
  elapsedMs: number;
}

const noCosts = (): RoundCosts => ({ cpuMicros: 0, threads: { main: 0, background: 0, other: 0 }, eventLoopActiveMs: 0, elapsedMs: 0 });

function threadsBetween(before: ServerStats, after: ServerStats): ThreadCpu | null {
  if (before.threads === null || after.threads === null) return null;
  return { main: after.threads.main - before.threads.main, background: after.threads.background - before.threads.background, other: after.threads.other - before.threads.other };
}

/** Runs one measured round against `server` and adds what it cost the server to `costs`. */
async function measureRound(server: ServerProcess, sessions: number, messages: number, runId: string, costs: RoundCosts): Promise<number> {
  const before = await server.stats();
  const { messagesPerSecond, elapsedMs } = await measureThroughput(server.port, sessions, messages, runId);
  const after = await server.stats();
  costs.cpuMicros += after.cpuMicros - before.cpuMicros;
  costs.eventLoopActiveMs += after.eventLoopActiveMs - before.eventLoopActiveMs;
  costs.elapsedMs += elapsedMs;
  const threads = threadsBetween(before, after);
  if (threads === null || costs.threads === null) costs.threads = null;
  else for (const kind of ['main', 'background', 'other'] as const) costs.threads[kind] += threads[kind];
  return messagesPerSecond;
}

async function measurePair(raw: ServerProcess, posthouse: ServerProcess, sessions: number): Promise<Row> {
  const messages = plan.messages[sessions]!;
  await measureThroughput(raw.port, sessions, plan.warmup, `warm-raw-${sessions}`);
  await measureThroughput(posthouse.port, sessions, plan.warmup, `warm-ph-${sessions}`);
  await posthouse.resetPeakRss();
  const rawRates: number[] = [];
  const posthouseRates: number[] = [];
  const rawCpu = noCosts();
  const posthouseCpu = noCosts();
  for (let round = 0; round < plan.rounds; round += 1) {
    rawRates.push(await measureRound(raw, sessions, messages, `raw-${sessions}-${round}`, rawCpu));
    posthouseRates.push(await measureRound(posthouse, sessions, messages, `ph-${sessions}-${round}`, posthouseCpu));
  }
  const rawPerSecond = median(rawRates);
  const posthousePerSecond = median(posthouseRates);
  const measured = messages * plan.rounds;
  const pairRatios = posthouseRates.map((rate, round) => rate / rawRates[round]!);
  return {
    sessions,
    rawPerSecond,
    posthousePerSecond,
    ratio: posthousePerSecond / rawPerSecond,
    roundRatios: [Math.min(...pairRatios), Math.max(...pairRatios)],
    rawCpuMicrosPerMessage: rawCpu.cpuMicros / measured,
    posthouseCpuMicrosPerMessage: posthouseCpu.cpuMicros / measured,
    posthousePeakRssMiB: (await posthouse.stats()).peakRssBytes / 2 ** 20,
    posthouseThreadMicrosPerMessage: posthouseCpu.threads && {
      main: posthouseCpu.threads.main / measured,
      background: posthouseCpu.threads.background / measured,
      other: posthouseCpu.threads.other / measured,
    },
    posthouseMainBusy: posthouseCpu.eventLoopActiveMs / posthouseCpu.elapsedMs,
  };
}

function printTable(rows: Row[]): void {
  console.log('\nsessions   raw msg/s   posthouse msg/s   ratio   round pairs   server CPU µs/msg raw / posthouse   posthouse peak RSS');
  for (const row of rows) {
    const cpu = `${row.rawCpuMicrosPerMessage.toFixed(0)} / ${row.posthouseCpuMicrosPerMessage.toFixed(0)}`;
    const pairs = `${row.roundRatios[0].toFixed(2)}–${row.roundRatios[1].toFixed(2)}`;
    console.log(
      `${String(row.sessions).padStart(8)}   ${row.rawPerSecond.toFixed(0).padStart(9)}   ${row.posthousePerSecond.toFixed(0).padStart(15)}   ${row.ratio.toFixed(2).padStart(5)}   ${pairs.padStart(11)}   ${cpu.padStart(33)}   ${row.posthousePeakRssMiB.toFixed(0).padStart(14)} MiB`,
    );
  }
  console.log('(ratio: median posthouse rate over median raw rate; round pairs: the spread of each posthouse round over the raw round before it)');
  console.log('\nposthouse, where its CPU goes: µs per message by thread, and how busy its event loop was');
  console.log('sessions   SMTP thread   summary worker   other threads   event loop busy');
  for (const row of rows) {
    const threads = row.posthouseThreadMicrosPerMessage;
    const split = threads === null ? ['n/a', 'n/a', 'n/a'] : [threads.main, threads.background, threads.other].map((micros) => micros.toFixed(0));
    console.log(`${String(row.sessions).padStart(8)}   ${split[0]!.padStart(11)}   ${split[1]!.padStart(14)}   ${split[2]!.padStart(13)}   ${`${(row.posthouseMainBusy * 100).toFixed(0)}%`.padStart(15)}`);
  }
  console.log('(other threads: V8\'s garbage-collection and compiler helpers, the file I/O pool, LevelDB; per-thread figures are read from /proc, so Linux only)');
}

if (runs('smtp')) {
  const scratch = await mkdtemp(join(tmpdir(), 'posthouse-bench-'));
  const profileOptions = profile ? ['--cpu-prof', `--cpu-prof-dir=${join(scratch, 'profile')}`] : [];
  const raw = await startServerProcess(new URL('./servers/discard-child.ts', import.meta.url), []);
  const posthouse = await startServerProcess(new URL('./servers/posthouse-child.ts', import.meta.url), profileOptions, [join(scratch, 'store')]);
  try {
    console.log(`${quick ? 'quick' : 'full'} run: ${plan.rounds} rounds per peer, messages per round ${JSON.stringify(plan.messages)}, ~10 KB each`);
    const rows: Row[] = [];
    for (const sessions of concurrencies) rows.push(await measurePair(raw, posthouse, sessions));
    printTable(rows);
    const summaries: SummaryCount = await posthouse.summaries();
    const skipped = summaries.messages - summaries.summarized;
    console.log(`\nposthouse stored ${summaries.messages} messages, ${skipped === 0 ? 'every one' : `${summaries.summarized}`} with its parsed summary${skipped === 0 ? '' : ` (${skipped} skipped under load)`}`);
    const resultFile = join(tmpdir(), 'posthouse-bench-latest.json');
    await writeFile(resultFile, JSON.stringify({ date: new Date().toISOString(), quick, rows, summaries }, null, 2));
    console.log(`\nfigures written to ${resultFile}`);
  } finally {
    await raw.stop();
    await posthouse.stop();
    if (profile) console.log(`CPU profile of the posthouse child in ${join(scratch, 'profile')} (summarise: node --import tsx bench/profile-top.ts <file>)`);
    else await rm(scratch, { recursive: true, force: true });
  }
}
if (runs('rules')) await printRulesBench(quick);
if (runs('http')) await runHttpBench(quick);

// The IMAP benchmark (posthouse against Dovecot) runs next, in the same mode (--quick / BENCH_QUICK=1).
if (runs('imap')) await import('./imap.js');

// The outbound queue benchmark (posthouse against a relaying Postfix) runs last, in the same mode.
if (runs('queue')) await (await import('./queue.js')).runQueueBench();

// The inbound webhook benchmark (SMTP -> post route -> local receiver, against a fetch floor) runs after it.
if (runs('webhooks')) await (await import('./webhooks.js')).runWebhookBench(quick);
