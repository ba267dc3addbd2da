import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  allOf, anyOf, body, compileRules, compileSieve, envelope, evaluateRules, exists, from, header, not, rule, RuleError, size, toSieve, type RuleBuilder,
} from '../../src/rules/index.js';
import { fakeServices } from './fake-services.js';

const message = readFileSync(fileURLToPath(new URL('../../../shared/sieve/cases/31-body-text-contains/message.eml', import.meta.url)));
const environment = { mailFrom: 'bob+x@example.org', rcptTo: 'alice@example.com', account: 'alice@example.com', now: new Date('2024-06-01T00:00:00Z') };

async function runTyped(rules: RuleBuilder[]) {
  return evaluateRules([{ origin: 'personal', rules: compileRules(rules) }], message, environment, fakeServices());
}
async function runSieve(script: string) {
  const outcome = compileSieve(script);
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.diagnostics));
  return evaluateRules([{ origin: 'personal', rules: outcome.rules }], message, environment, fakeServices());
}

describe('typed rules', () => {
  it('file into a mailbox with flags, like the equivalent Sieve', async () => {
    const typed = [rule('reports').when(header('subject').contains('quarterly'), from().domain().is('example.org')).fileInto('Reports', { flags: ['\\Flagged'] })];
    const typedResult = await runTyped(typed);
    const sieveResult = await runSieve(toSieve(typed));
    assert.deepEqual(typedResult.actions, [{ type: 'store', mailbox: 'Reports', flags: ['\\flagged'], copy: false }]);
    assert.deepEqual(sieveResult.actions, typedResult.actions);
    assert.equal(typedResult.implicit_keep, null);
    assert.equal(typedResult.trace.find((entry) => entry.kind === 'action')?.origin, 'reports');
  });

  it('each action method gives its action', async () => {
    const cases: Array<[RuleBuilder, unknown[]]> = [
      [rule('k').keep({ flags: ['$Work'] }), [{ type: 'store', mailbox: 'INBOX', flags: ['$Work'], copy: false }]],
      [rule('d').discard(), [{ type: 'discard' }]],
      [rule('r').reject('no thanks'), [{ type: 'reject', reason: 'no thanks' }]],
      [rule('e').reject('no', { smtp: true }), [{ type: 'reject', reason: 'no', smtp: true }]],
      [rule('f').redirect('x@example.net', { copy: true }), [{ type: 'redirect', address: 'x@example.net', copy: true }]],
      [rule('h').addHeader('X-Rule', 'h').deleteHeader('X-Priority'), [{ type: 'addheader', name: 'X-Rule', value: 'h' }, { type: 'deleteheader', name: 'X-Priority' }]],
      [rule('v').vacation({ reason: 'away', days: 2, subject: 'Away' }), [{ type: 'vacation', seconds: 172800, subject: 'Away', reason: 'away' }]],
      [rule('c').fileInto('C', { copy: true, create: true }), [{ type: 'store', mailbox: 'C', flags: [], copy: true, create: true }]],
    ];
    for (const [built, expected] of cases) assert.deepEqual((await runTyped([built])).actions, expected, built.name);
  });

  it('flags and stop: addFlags reach the implicit keep, stop ends later rules', async () => {
    const result = await runTyped([rule('flag').addFlags('\\Seen').removeFlags('\\Seen').setFlags('$A'), rule('stop').stop(), rule('never').discard()]);
    assert.deepEqual(result.actions, []);
    assert.deepEqual(result.implicit_keep, { type: 'store', mailbox: 'INBOX', flags: ['$A'], copy: false });
  });

  it('tests: anyOf/allOf/not, envelope parts, size, body, exists', async () => {
    const result = await runTyped([
      rule('all')
        .when(
          allOf(anyOf(header('x-nope').exists(), exists('subject')), not(size().over(1_000_000)), size().under(100_000)),
          envelope('from').detail().is('x'),
          body().contains('deadline is friday'),
          header('x-spam-score').numeric().value('ge', '5'),
          header('received').count('eq', 2),
        )
        .fileInto('All'),
    ]);
    assert.deepEqual(result.actions.map((action) => action.type === 'store' && action.mailbox), ['All']);
  });

  it('a function predicate runs, is marked not serialisable, and a throwing one is a rule error', async () => {
    const typed = [rule('fn').when((msg) => msg.header('subject')[0]!.startsWith('Quarterly') && msg.size > 10).fileInto('Fn')];
    assert.deepEqual((await runTyped(typed)).actions.length, 1);
    assert.equal(compileRules(typed).serialisable, false);
    assert.throws(() => toSieve(typed), RuleError);
    const failing = await runTyped([rule('bad').when(() => { throw new Error('boom'); }).discard()]);
    assert.equal(failing.status, 'error');
    assert.match(failing.diagnostics[0]!.message, /boom/);
  });

  it('programmer errors throw RuleError', () => {
    assert.throws(() => rule(''), RuleError);
    assert.throws(() => rule('x').fileInto(''), RuleError);
    assert.throws(() => rule('x').redirect('not an address'), RuleError);
    assert.throws(() => header('subject').is(), RuleError);
    assert.throws(() => size().over(-1), RuleError);
  });

  it('toSieve prints the requires the rules need', () => {
    const text = toSieve([rule('a').when(header('subject').regex('^Q')).fileInto('A', { flags: ['\\Seen'], copy: true })]);
    assert.match(text, /^require \["copy", "fileinto", "imap4flags", "regex"\];/);
  });
});
