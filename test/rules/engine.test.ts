import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { compileSieve, evaluateRules, explainToText, type CompiledRules } from '../../src/rules/index.js';
import { fakeServices } from './fake-services.js';

const message = readFileSync(fileURLToPath(new URL('../../../shared/sieve/cases/01-base-implicit-keep/message.eml', import.meta.url)));
const environment = { mailFrom: 'bob@example.org', rcptTo: 'alice@example.com', account: 'alice@example.com', now: new Date('2024-06-01T00:00:00Z') };

function compiled(script: string, include?: Record<string, string>): CompiledRules {
  const outcome = compileSieve(script, { include: (name, location) => include?.[`${location}:${name}`] });
  assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.diagnostics));
  return outcome.rules;
}

describe('rules engine', () => {
  it('runs global rules first, then personal, with one implicit keep and stop ending both', async () => {
    const services = fakeServices();
    const global = compiled('require ["fileinto", "copy"]; if header :contains "subject" "report" { fileinto :copy "Archive"; }');
    const personal = compiled('discard;');
    const result = await evaluateRules([{ origin: 'global', rules: global }, { origin: 'personal', rules: personal }], message, environment, services);
    assert.deepEqual(result.actions, [{ type: 'store', mailbox: 'Archive', flags: [], copy: true }, { type: 'discard' }]);
    assert.equal(result.implicit_keep, null);
    const stopped = await evaluateRules([{ origin: 'global', rules: compiled('stop;') }, { origin: 'personal', rules: personal }], message, environment, services);
    assert.deepEqual(stopped.actions, []);
    assert.notEqual(stopped.implicit_keep, null);
  });

  it('vacation answers a sender once per interval through services.memory', async () => {
    const services = fakeServices();
    const rules = compiled('require "vacation"; vacation :days 1 "away";');
    const first = await evaluateRules([{ origin: 'personal', rules }], message, environment, services);
    assert.equal(first.actions[0]!.type === 'vacation' && first.actions[0]!.suppressed, undefined);
    const second = await evaluateRules([{ origin: 'personal', rules }], message, environment, services);
    assert.equal(second.actions[0]!.type === 'vacation' && second.actions[0]!.suppressed, 'already answered within the interval');
    const later = await evaluateRules([{ origin: 'personal', rules }], message, { ...environment, now: new Date('2024-06-03T00:00:00Z') }, services);
    assert.equal(later.actions[0]!.type === 'vacation' && later.actions[0]!.suppressed, undefined);
    const bounce = await evaluateRules([{ origin: 'personal', rules }], message, { ...environment, mailFrom: '' }, services);
    assert.match(String(bounce.actions[0]!.type === 'vacation' && bounce.actions[0]!.suppressed), /null sender/);
  });

  it('duplicate (RFC 7352) sees a Message-ID the second time', async () => {
    const services = fakeServices();
    const rules = compiled('require ["duplicate", "fileinto"]; if duplicate { fileinto "Dupes"; }');
    const first = await evaluateRules([{ origin: 'personal', rules }], message, environment, services);
    const second = await evaluateRules([{ origin: 'personal', rules }], message, environment, services);
    assert.deepEqual(first.actions, []);
    assert.deepEqual(second.actions, [{ type: 'store', mailbox: 'Dupes', flags: [], copy: false }]);
  });

  it('include (RFC 6609): personal and global scripts, return, global variables, :once, cycles refused', async () => {
    const includes = {
      'personal:lists': 'require ["include", "variables", "fileinto"]; global "box"; set "box" "Lists"; return; fileinto "never";',
      'global:spam': 'require ["fileinto"]; if header :is "x-spam-score" "7" { fileinto "Junk"; }',
    };
    const rules = compiled('require ["include", "variables", "fileinto"]; global "box"; include "lists"; include :once :global "spam"; include :once :global "spam"; fileinto "${box}";', includes);
    const result = await evaluateRules([{ origin: 'personal', rules }], message, environment, fakeServices());
    assert.deepEqual(result.actions.map((action) => action.type === 'store' && action.mailbox), ['Junk', 'Lists']);
    const cycle = compileSieve('require "include"; include "a";', { include: () => 'require "include"; include "a";' });
    assert.equal(cycle.ok, false);
    assert.match(cycle.diagnostics[0]!.message, /include cycle|does not compile/);
    assert.equal(compileSieve('require "include"; include "missing";', { include: () => undefined }).ok, false);
    assert.equal(compileSieve('require "include"; include :optional "missing";', { include: () => undefined }).ok, true);
  });

  it('runtime errors give status error, the diagnostic and the implicit keep; the step limit holds', async () => {
    const conflict = await evaluateRules([{ origin: 'personal', rules: compiled('require ["reject", "fileinto"]; fileinto "A"; reject "no";') }], message, environment, fakeServices());
    assert.equal(conflict.status, 'error');
    assert.deepEqual(conflict.diagnostics[0]!.position, { line: 1, column: 47 });
    assert.deepEqual(conflict.implicit_keep, { type: 'store', mailbox: 'INBOX', flags: [], copy: false });
    const heavy = compiled('if header :contains ["subject", "from", "to"] ["a", "b", "c", "d"] { keep; }\n'.repeat(50));
    const limited = await evaluateRules([{ origin: 'personal', rules: heavy }], message, environment, fakeServices(), { maxSteps: 100 });
    assert.equal(limited.status, 'error');
    assert.match(limited.diagnostics[0]!.message, /more than 100 steps/);
  });

  it('explains what matched, which line acted, and the result', async () => {
    const result = await evaluateRules([{ origin: 'personal', rules: compiled('require "fileinto";\nif header :contains "subject" "report" {\n  fileinto "Reports";\n}') }], message, environment, fakeServices());
    const text = explainToText(result);
    assert.match(text, /personal:2:4 {2}test header :contains \["subject"\] \["report"\] → true/);
    assert.match(text, /matched header subject: "Quarterly report for Q3" against "report"/);
    assert.match(text, /personal:3:3 {2}action fileinto "Reports"/);
    assert.match(text, /implicit keep: no/);
  });
});
