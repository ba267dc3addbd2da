import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { after, describe, it } from 'node:test';
import { ErrorCodes } from '../../src/errors/codes.js';
import { StoreError } from '../../src/errors/store-error.js';
import { levelStore } from '../../src/store/index.js';
import { temporaryDirectory } from './level-fixture.js';

describe('levelStore directory lock', () => {
  const directories: string[] = [];
  after(() => Promise.all(directories.map((path) => rm(path, { recursive: true, force: true }))));

  it('a second store on an open directory rejects with STORE_LOCKED naming the path', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const first = levelStore({ path });
    await first.open();
    const second = levelStore({ path });
    try {
      await assert.rejects(second.open(), (error: unknown) => {
        assert.ok(error instanceof StoreError);
        assert.equal(error.code, ErrorCodes.STORE_LOCKED);
        assert.equal(error.message, `The store at ${path} is in use by another posthouse process`);
        return true;
      });
      await assert.rejects(second.listMailboxes('a@example.test'), { code: ErrorCodes.STORE_CLOSED });
    } finally {
      await first.close();
    }
    await second.open();
    await second.close();
  });

  it('another process cannot open a directory this process holds', async () => {
    const path = await temporaryDirectory();
    directories.push(path);
    const store = levelStore({ path });
    await store.open();
    try {
      const script = `import { levelStore } from ${JSON.stringify(new URL('../../src/store/index.ts', import.meta.url).href)};
        levelStore({ path: ${JSON.stringify(path)} }).open().then(() => console.log('opened'), (error) => console.log(error.code));`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
      assert.equal(child.stdout.trim(), ErrorCodes.STORE_LOCKED, child.stderr);
    } finally {
      await store.close();
    }
  });
});
