import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { BatchedOutput } from '../../../src/access/imap/session/batched-output.js';

/** A Writable that records each write it is handed (writev counts once, as one system call would). */
function recordingOutput(): { output: Writable; writes: Buffer[] } {
  const writes: Buffer[] = [];
  const output = new Writable({
    write(chunk: Buffer, _encoding, done) {
      writes.push(chunk);
      done();
    },
    writev(chunks, done) {
      writes.push(Buffer.concat(chunks.map(({ chunk }) => chunk as Buffer)));
      done();
    },
  });
  return { output, writes };
}

test('batched output: many small responses become few writes, in order, bytes intact', async () => {
  const { output, writes } = recordingOutput();
  const batch = new BatchedOutput(() => output);
  const expected: Buffer[] = [];
  for (let index = 1; index <= 20_000; index++) {
    const line = `* ${index} FETCH (UID ${index} FLAGS (\\Seen))\r\n`;
    batch.write(line);
    expected.push(Buffer.from(line));
  }
  const literal = Buffer.from([0xff, 0x00, 0xc3, 0x28]);
  batch.write('* 1 FETCH (BODY[] {4}\r\n');
  batch.write(literal);
  batch.write(')\r\n');
  expected.push(Buffer.from('* 1 FETCH (BODY[] {4}\r\n'), literal, Buffer.from(')\r\n'));
  batch.flush();
  await nextTurn();
  assert.ok(writes.length < 20, `${writes.length} writes`);
  assert.deepEqual(Buffer.concat(writes), Buffer.concat(expected));
});

test('batched output: what is left in the batch goes out on the next turn without a flush', async () => {
  const { output, writes } = recordingOutput();
  const batch = new BatchedOutput(() => output);
  batch.write('* 3 EXISTS\r\n');
  assert.equal(writes.length, 0);
  await nextTurn();
  await nextTurn();
  assert.equal(Buffer.concat(writes).toString(), '* 3 EXISTS\r\n');
});

test('batched output: nothing is written once the output has ended', async () => {
  const { output, writes } = recordingOutput();
  const batch = new BatchedOutput(() => output);
  output.end();
  batch.write('* BYE\r\n');
  batch.flush();
  await nextTurn();
  assert.equal(writes.length, 0);
});
