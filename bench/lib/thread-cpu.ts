import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time a process has used, split by the kind of thread that used it, in microseconds:
 * - `main`: the thread that runs the event loop (for posthouse, the one that answers SMTP);
 * - `background`: threads running below the process's priority (posthouse's summary worker
 *   lowers its own, so that it yields to the SMTP thread);
 * - `other`: every other thread: V8's garbage-collection and compiler helpers, libuv's file I/O
 *   pool, LevelDB's compaction.
 */
export interface ThreadCpu {
  main: number;
  background: number;
  other: number;
}

/** One thread's line of `/proc/<pid>/task/<tid>/stat`, read. */
export interface ThreadStat {
  /** user + system time, in clock ticks */
  ticks: number;
  nice: number;
}

/** Linux reports thread times in USER_HZ ticks, 100 per second on every architecture Node runs on. */
const MICROS_PER_TICK = 10_000;

/**
 * Reads a `stat` line (proc(5)). The command name sits in parentheses and may itself hold spaces
 * and parentheses, so the fields are counted from the last `)`: utime and stime are fields 14 and
 * 15, nice is field 19.
 */
export function parseThreadStat(line: string): ThreadStat {
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state)
  const ticks = Number(fields[11]) + Number(fields[12]);
  const nice = Number(fields[16]);
  if (!Number.isFinite(ticks) || !Number.isFinite(nice)) throw new Error(`not a stat line: ${line.slice(0, 80)}`);
  return { ticks, nice };
}

/**
 * This process's CPU time by kind of thread, from `/proc/self/task`; null where there is no such
 * directory (any system but Linux). A thread that ends between listing and reading is skipped.
 *
 * @example
 * const before = threadCpu();
 * // ... work ...
 * const after = threadCpu(); // after.main - before.main: µs the event-loop thread used
 */
export function threadCpu(): ThreadCpu | null {
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return null;
  }
  const stats = new Map<number, ThreadStat>();
  for (const tid of tids) {
    try {
      stats.set(Number(tid), parseThreadStat(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8')));
    } catch {
      // the thread ended
    }
  }
  const mainNice = stats.get(process.pid)?.nice ?? 0;
  const cpu: ThreadCpu = { main: 0, background: 0, other: 0 };
  for (const [tid, stat] of stats) {
    const kind = tid === process.pid ? 'main' : stat.nice > mainNice ? 'background' : 'other';
    cpu[kind] += stat.ticks * MICROS_PER_TICK;
  }
  return cpu;
}
