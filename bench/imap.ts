/**
 * The IMAP benchmark: posthouse (level store) against Dovecot (Debian, Maildir) on the same
 * messages in the same run, each server in processes of its own, one raw-socket client driving both.
 *
 *   1. SELECT and `FETCH 1:* (FLAGS UID)` of a 100,000-message mailbox: cold (posthouse: first SELECT
 *      since the process started; Dovecot: first SELECT, which builds its index) and warm.
 *   2. `FETCH 1:* (ENVELOPE BODYSTRUCTURE)` over 2,000 messages of ~100 KB, the first time and again.
 *   3. `FETCH 1:* (BODY.PEEK[])` throughput over the same messages.
 *   4. Memory per idle connection: 1,000 connections (LOGIN, SELECT INBOX, IDLE).
 *
 *   node --import tsx bench/imap.ts [--quick] [--profile]   (also run by `npm run bench`)
 */
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAILBOX_OF } from './imap/bench-account.js';
import { ensureDovecot, prepareDovecot, startDovecot } from './imap/dovecot.js';
import { writeMaildirFolder } from './imap/maildir.js';
import { fetchBodyThroughput, idleConnectionMemory, timeEnvelopeFetch, timeSelectFetch, type IdleMemory } from './imap/measurements.js';
import { fillPosthouseStore, startPosthouse } from './imap/posthouse-process.js';
import { treeMemory, type TreeMemory } from './imap/process-memory.js';
import { printImapReport, type PeerFigures } from './imap/report.js';

const quick = process.argv.includes('--quick') || process.env.BENCH_QUICK === '1';
const profile = process.argv.includes('--profile');
const plan = quick ? { small: 500, large: 20, idle: 20, bodyRounds: 2 } : { small: 100_000, large: 2_000, idle: 1_000, bodyRounds: 3 };

/** Each idle connection holds a socket in this process and one in the server; leave room for the rest. */
async function checkOpenFiles(): Promise<void> {
  const limits = await readFile('/proc/self/limits', 'utf8');
  const soft = /^Max open files\s+(\d+|unlimited)/m.exec(limits)?.[1];
  if (soft === undefined || soft === 'unlimited' || Number(soft) >= plan.idle * 2 + 512) return;
  throw new Error(`the open-files limit (${soft}) is too low for ${plan.idle} connections: run with \`bash -c 'ulimit -n 8192; npm run bench'\``);
}

async function measurePeer(port: number, memory: () => Promise<TreeMemory>): Promise<Omit<PeerFigures, 'setupSeconds'>> {
  const idle: IdleMemory = await idleConnectionMemory(port, plan.idle, memory);
  const cold = await timeSelectFetch(port, MAILBOX_OF.small, plan.small);
  const warm = [await timeSelectFetch(port, MAILBOX_OF.small, plan.small), await timeSelectFetch(port, MAILBOX_OF.small, plan.small)];
  const bestWarm = warm.reduce((best, timing) => (timing.selectMs + timing.fetchMs < best.selectMs + best.fetchMs ? timing : best));
  const envelope = await timeEnvelopeFetch(port, MAILBOX_OF.large, plan.large);
  await fetchBodyThroughput(port, MAILBOX_OF.large, plan.large);
  const rates: number[] = [];
  let bodyBytes = 0;
  for (let round = 0; round < plan.bodyRounds; round += 1) {
    const { mbPerSecond, bytes } = await fetchBodyThroughput(port, MAILBOX_OF.large, plan.large);
    rates.push(mbPerSecond);
    bodyBytes = bytes;
  }
  rates.sort((left, right) => left - right);
  return { cold, warm: bestWarm, envelope, bodyMbPerSecond: rates[Math.floor(rates.length / 2)]!, bodyBytes, idle };
}

async function seconds<T>(work: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await work();
  return [value, (performance.now() - started) / 1000];
}

await checkOpenFiles();
ensureDovecot();
const dovecotVersion = spawnSync('/usr/sbin/dovecot', ['--version'], { encoding: 'utf8' }).stdout.trim();
const scratch = await mkdtemp(join(tmpdir(), 'posthouse-bench-imap-'));
// Dovecot's auth and mail processes run as unprivileged users: they must be able to enter it (mkdtemp gives 0700).
await chmod(scratch, 0o755);
const profileDirectory = join(scratch, 'profile');
try {
  console.log(`\nIMAP, ${quick ? 'quick' : 'full'} run: ${plan.small} messages of ~4 KB, ${plan.large} of ~100 KB, ${plan.idle} idle connections; Dovecot ${dovecotVersion}`);

  const storePath = join(scratch, 'posthouse');
  const [, posthouseFill] = await seconds(() => fillPosthouseStore(storePath, plan.small, plan.large));
  const posthouse = await startPosthouse(storePath, profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDirectory}`] : []);
  let posthouseFigures: PeerFigures;
  try {
    posthouseFigures = { ...(await measurePeer(posthouse.port, () => treeMemory(posthouse.pid))), setupSeconds: posthouseFill };
  } finally {
    await posthouse.stop();
  }

  const dovecotRoot = join(scratch, 'dovecot');
  const { maildir } = await prepareDovecot(dovecotRoot);
  const [, dovecotFill] = await seconds(() => {
    writeMaildirFolder(maildir, MAILBOX_OF.small, 'small', plan.small);
    writeMaildirFolder(maildir, MAILBOX_OF.large, 'large', plan.large);
  });
  const dovecot = await startDovecot(dovecotRoot);
  let dovecotFigures: PeerFigures;
  try {
    dovecotFigures = { ...(await measurePeer(dovecot.port, () => treeMemory(dovecot.pid))), setupSeconds: dovecotFill };
  } finally {
    await dovecot.stop();
  }

  printImapReport(plan, posthouseFigures, dovecotFigures);
  const resultFile = join(tmpdir(), 'posthouse-bench-imap-latest.json');
  await writeFile(resultFile, JSON.stringify({ date: new Date().toISOString(), quick, dovecotVersion, plan, posthouse: posthouseFigures, dovecot: dovecotFigures }, null, 2));
  console.log(`\nfigures written to ${resultFile}`);
} finally {
  if (profile) console.log(`CPU profile of the posthouse IMAP child in ${profileDirectory} (summarise: node --import tsx bench/profile-top.ts <file>)`);
  else await rm(scratch, { recursive: true, force: true });
}
