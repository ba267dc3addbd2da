import assert from 'node:assert/strict';
import fs from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeGathered, writeGatheredSync } from '../../src/store/level/gathered-write.js';
import { temporaryDirectory } from './level-fixture.js';

const pieces = [Buffer.from('abc'), Buffer.from('defgh'), Buffer.from(''), Buffer.from('ijklmnop'), Buffer.from('q')];
const whole = 'abcdefghijklmnopq';

/** Makes every gathering write a short one: at most `most` octets each. */
function shortWrites(t: { after(fn: () => void): void }, most: number): void {
  const { writev, writevSync } = fs;
  const cut = (buffers: NodeJS.ArrayBufferView[]): Buffer[] => [Buffer.concat(buffers as Buffer[]).subarray(0, most)];
  fs.writevSync = ((fd: number, buffers: NodeJS.ArrayBufferView[], position?: number) => writevSync(fd, cut(buffers), position)) as typeof fs.writevSync;
  fs.writev = ((fd: number, buffers: NodeJS.ArrayBufferView[], position: number, callback: (error: NodeJS.ErrnoException | null, written: number, buffers: NodeJS.ArrayBufferView[]) => void) =>
    writev(fd, cut(buffers), position, callback)) as typeof fs.writev;
  syncBuiltinESMExports();
  t.after(() => {
    Object.assign(fs, { writev, writevSync });
    syncBuiltinESMExports();
  });
}

describe('gathered writes', () => {
  for (const [name, write] of [
    ['writeGathered', writeGathered],
    ['writeGatheredSync', async (fd: number, buffers: readonly Buffer[], position: number) => writeGatheredSync(fd, buffers, position)],
  ] as const) {
    it(`${name} finishes short writes, piece by piece, at the right offsets`, async (t) => {
      const path = join(await temporaryDirectory(), 'file');
      t.after(() => rm(path, { force: true }));
      fs.writeFileSync(path, Buffer.alloc(30, '.'));
      const fd = fs.openSync(path, 'r+');
      t.after(() => fs.closeSync(fd));
      shortWrites(t, 4);
      await write(fd, pieces, 5);
      assert.equal((await readFile(path)).toString(), `.....${whole}........`);
    });
  }
});
