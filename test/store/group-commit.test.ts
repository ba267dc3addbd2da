import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BackendOperation } from '../../src/store/level/backend.js';
import { GroupCommit } from '../../src/store/level/group-commit.js';

const put = (key: string): BackendOperation => ({ type: 'put', key, value: Buffer.from(key) });

describe('GroupCommit', () => {
  it('writes what is submitted in one turn as one batch, and counts only the submitters that wait for durability', async () => {
    const batches: Array<{ keys: string[]; durableSubmitters: number }> = [];
    const commits = new GroupCommit(async (operations, durableSubmitters) => {
      batches.push({ keys: operations.map((operation) => operation.key), durableSubmitters });
    });
    await Promise.all([commits.submit([put('a')]), commits.submit([put('b')], false), commits.submit([put('c')], false)]);
    await Promise.all([commits.submit([put('d')], false)]);
    assert.deepEqual(batches, [
      { keys: ['a', 'b', 'c'], durableSubmitters: 1 },
      { keys: ['d'], durableSubmitters: 0 },
    ]);
  });

  it('submissions made while a batch is written go out together in the next one, in order', async () => {
    const batches: string[][] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    const commits = new GroupCommit(async (operations) => {
      batches.push(operations.map((operation) => operation.key));
      if (batches.length === 1) await first;
    });
    const written = [commits.submit([put('a')])];
    await new Promise((resolve) => setImmediate(resolve));
    written.push(commits.submit([put('b')]), commits.submit([put('c')]));
    release();
    await Promise.all(written);
    assert.deepEqual(batches, [['a'], ['b', 'c']]);
  });

  it('rejects every submitter of a failed batch, and goes on with the next', async () => {
    let calls = 0;
    const commits = new GroupCommit(async () => {
      calls += 1;
      if (calls === 1) throw new Error('EIO');
    });
    const results = await Promise.allSettled([commits.submit([put('a')]), commits.submit([put('b')], false)]);
    assert.deepEqual(results.map((result) => result.status), ['rejected', 'rejected']);
    await commits.submit([put('c')]);
    await commits.idle();
    assert.equal(calls, 2);
  });
});
