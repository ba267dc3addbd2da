import assert from 'node:assert/strict';
import { once } from 'node:events';
import { platform } from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { parseThreadStat, threadCpu } from '../../bench/lib/thread-cpu.js';

describe('bench thread CPU', () => {
  it('reads times and nice value past a command name holding spaces and parentheses', () => {
    // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime priority nice ...
    const line = '4242 (node (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 56 0 0 39 19 14 0 9 1 2';
    assert.deepEqual(parseThreadStat(line), { ticks: 1290, nice: 19 });
    assert.throws(() => parseThreadStat('garbage'), /not a stat line/);
  });

  it('counts a thread that lowered its priority as background, and the event-loop thread as main', { skip: platform() !== 'linux' }, async () => {
    const before = threadCpu()!;
    // a worker that lowers its own priority (as the summary worker does), then spins for 300 ms of CPU
    const worker = new Worker(
      `const { setPriority, constants } = require('node:os');
       setPriority(0, constants.priority.PRIORITY_LOW);
       const start = process.cpuUsage();
       const spent = () => { const used = process.cpuUsage(start); return used.user + used.system; };
       while (spent() < 300000) {}
       require('node:worker_threads').parentPort.postMessage('done');`,
      { eval: true },
    );
    await once(worker, 'message');
    const during = threadCpu()!;
    await worker.terminate();
    const spinStart = process.cpuUsage();
    const spent = (): number => {
      const used = process.cpuUsage(spinStart);
      return used.user + used.system;
    };
    while (spent() < 200_000) {
      // the main thread's own share
    }
    const after = threadCpu()!;
    // ticks are 10 ms: the worker's 300 ms shows as at least 200 ms, and never as main
    assert.ok(during.background - before.background >= 200_000, `background grew by ${during.background - before.background} µs`);
    assert.ok(after.main - during.main >= 100_000, `main grew by ${after.main - during.main} µs`);
    assert.ok(during.main - before.main < 200_000, 'the worker was not counted as main');
  });
});
