import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ErrorCodes } from '../../../src/errors/codes.js';
import { isPosthouseError } from '../../../src/errors/posthouse-error.js';
import { createScriptStore, ScriptError } from '../../../src/rules/scripts/index.js';
import { memoryStore } from '../../../src/store/index.js';
import { fakeEngine } from './fake-engine.js';

async function setup(limits = {}) {
  const store = memoryStore();
  await store.open();
  const engine = fakeEngine();
  const scripts = createScriptStore({ records: store.records, engine, limits, now: () => new Date('2026-01-02T03:04:05Z') });
  return { store, engine, scripts };
}

const coded = (code: string) => (error: unknown) => isPosthouseError(error) && error.code === code;

test('put, get, list, activate, active: several scripts, one active', async () => {
  const { scripts } = await setup();
  await scripts.put('a@x', 'main', 'keep;');
  await scripts.put('a@x', 'away', 'vacation "gone";');
  assert.equal(await scripts.get('a@x', 'away'), 'vacation "gone";');
  assert.equal(await scripts.active('a@x'), null);
  await scripts.activate('a@x', 'main');
  assert.deepEqual(await scripts.active('a@x'), { name: 'main', text: 'keep;' });
  assert.deepEqual(await scripts.list('a@x'), [
    { name: 'away', active: false, size: 16, updatedAt: '2026-01-02T03:04:05.000Z' },
    { name: 'main', active: true, size: 5, updatedAt: '2026-01-02T03:04:05.000Z' },
  ]);
  await scripts.activate('a@x', null);
  assert.equal(await scripts.active('a@x'), null);
  assert.deepEqual(await scripts.list('b@x'), [], 'accounts do not see each other');
});

test('a script that does not compile is refused at upload with its positioned diagnostics', async () => {
  const { scripts } = await setup();
  await assert.rejects(scripts.put('a@x', 'main', 'keep;\n  bad;'), (error: unknown) => {
    assert.ok(error instanceof ScriptError);
    assert.equal(error.code, ErrorCodes.RULES_SCRIPT_INVALID);
    assert.deepEqual(error.diagnostics[0]?.position, { line: 2, column: 3 });
    assert.match(error.message, /line 2:3: unknown command "bad"/);
    return true;
  });
  assert.deepEqual(await scripts.list('a@x'), []);
  assert.deepEqual(scripts.check('bad'), { ok: false, diagnostics: [{ severity: 'error', message: 'unknown command "bad"', position: { line: 1, column: 1 } }] });
});

test('remove refuses the active script; rename keeps it active; names and missing scripts are checked', async () => {
  const { scripts } = await setup();
  await scripts.put('a@x', 'one', 'keep;');
  await scripts.put('a@x', 'two', 'discard;');
  await scripts.activate('a@x', 'one');
  await assert.rejects(scripts.remove('a@x', 'one'), coded(ErrorCodes.RULES_SCRIPT_ACTIVE));
  await assert.rejects(scripts.rename('a@x', 'one', 'two'), coded(ErrorCodes.RULES_SCRIPT_EXISTS));
  await scripts.rename('a@x', 'one', 'renamed');
  assert.deepEqual(await scripts.active('a@x'), { name: 'renamed', text: 'keep;' });
  await scripts.remove('a@x', 'two');
  assert.deepEqual((await scripts.list('a@x')).map((script) => script.name), ['renamed']);
  await assert.rejects(scripts.get('a@x', 'two'), coded(ErrorCodes.RULES_SCRIPT_NOT_FOUND));
  await assert.rejects(scripts.activate('a@x', 'nope'), coded(ErrorCodes.RULES_SCRIPT_NOT_FOUND));
  await assert.rejects(scripts.put('a@x', '', 'keep;'), coded(ErrorCodes.RULES_SCRIPT_NAME_INVALID));
  await assert.rejects(scripts.put('a@x', 'a\nb', 'keep;'), coded(ErrorCodes.RULES_SCRIPT_NAME_INVALID));
});

test('size and count limits refuse with RULES_QUOTA_EXCEEDED and answer haveSpace', async () => {
  const { scripts } = await setup({ maxScriptBytes: 10, maxScriptsPerAccount: 2 });
  await assert.rejects(scripts.put('a@x', 'big', 'keep; keep; keep;'), coded(ErrorCodes.RULES_QUOTA_EXCEEDED));
  await scripts.put('a@x', 'one', 'keep;');
  await scripts.put('a@x', 'two', 'keep;');
  await assert.rejects(scripts.put('a@x', 'three', 'keep;'), coded(ErrorCodes.RULES_QUOTA_EXCEEDED));
  await scripts.put('a@x', 'two', 'stop;');
  assert.equal(await scripts.haveSpace('a@x', 'three', 5), false);
  assert.equal(await scripts.haveSpace('a@x', 'two', 5), true);
  assert.equal(await scripts.haveSpace('a@x', 'two', 11), false);
});

test('rule sets: globals first in name order, then the active script; compiled once per revision', async () => {
  const { scripts, engine } = await setup();
  await scripts.putGlobal('20-late', 'keep;');
  await scripts.putGlobal('10-early', 'stop;');
  await scripts.put('a@x', 'main', 'discard;');
  await scripts.activate('a@x', 'main');
  const before = engine.compilations;
  const first = await scripts.ruleSetsFor('a@x');
  assert.deepEqual(first.sets, [
    { origin: 'global:10-early', rules: 'stop;' },
    { origin: 'global:20-late', rules: 'keep;' },
    { origin: 'personal', rules: 'discard;' },
  ]);
  await scripts.ruleSetsFor('a@x');
  assert.equal(engine.compilations - before, 3, 'the second run used the cache');
  await scripts.put('a@x', 'main', 'redirect "b@y";');
  assert.equal((await scripts.ruleSetsFor('a@x')).sets[2]?.rules, 'redirect "b@y";', 'a write invalidates');
  assert.deepEqual((await scripts.ruleSetsFor('b@x')).sets.map((set) => set.origin), ['global:10-early', 'global:20-late']);
});

test('a stored script that no longer compiles is skipped at delivery with its reason, not thrown', async () => {
  const { store, scripts } = await setup();
  await scripts.put('a@x', 'main', 'keep;');
  await scripts.activate('a@x', 'main');
  const record = await store.records.get<{ name: string; text: string; revision: string; updatedAt: string }>('rules.scripts/a@x', 'main');
  await store.records.put('rules.scripts/a@x', 'main', { ...record!, text: 'bad;', revision: 'r2' });
  await store.records.put('rules.active', 'a@x', { name: 'main', revision: 'r2' });
  const sets = await scripts.ruleSetsFor('a@x');
  assert.deepEqual(sets.sets, []);
  assert.deepEqual(sets.skipped, [{ origin: 'personal', reason: 'line 1:1: unknown command "bad"' }]);
});
