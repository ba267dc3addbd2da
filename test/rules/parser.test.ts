import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { compileSieve, toSieve, type CompiledRules, type SieveLimits } from '../../src/rules/index.js';

const sharedRoot = fileURLToPath(new URL('../../../shared/sieve/cases', import.meta.url));
const ownRoot = fileURLToPath(new URL('./cases', import.meta.url));

/** The model without positions, for comparing a script with its reprint. */
function shape(rules: CompiledRules): unknown {
  return JSON.parse(JSON.stringify(rules, (key, value: unknown) => (key === 'position' ? undefined : value)));
}

function errorAt(script: string): { line: number; column: number; message: string } {
  const outcome = compileSieve(script);
  assert.equal(outcome.ok, false, 'expected a compile error');
  const diagnostic = outcome.diagnostics[0]!;
  return { ...diagnostic.position!, message: diagnostic.message };
}

describe('Sieve parser', () => {
  const scripts = [sharedRoot, ownRoot].flatMap((root) => readdirSync(root).filter((name) => /^\d/.test(name)).map((name) => readFileSync(`${root}/${name}/script.sieve`, 'utf8')));
  it('round-trips every compiling case script: compile → print → compile gives the same model', () => {
    let checked = 0;
    for (const script of scripts) {
      const first = compileSieve(script);
      if (!first.ok) continue;
      const printed = toSieve(first.rules);
      const second = compileSieve(printed);
      assert.ok(second.ok, `reprint does not compile:\n${printed}\n${JSON.stringify(!second.ok && second.diagnostics)}`);
      assert.deepEqual(shape(second.rules), shape(first.rules), printed);
      checked++;
    }
    assert.ok(checked > 30);
  });

  it('reads strings: escapes, multi-line text: with dot-stuffing, comments, quantifiers', () => {
    const outcome = compileSieve('require "vacation"; # note\n/* block */ vacation :days 1 text:\r\nline one\r\n..dot\r\n.\r\n;\nif size :over 2K { discard; }\nredirect "a\\"b\\\\c@example.com";');
    assert.ok(outcome.ok, JSON.stringify(!outcome.ok && outcome.diagnostics));
    const [vacation, condition, redirect] = outcome.rules.commands;
    assert.deepEqual(vacation!.args[0], { kind: 'string', value: 'line one\r\n.dot\r\n' });
    assert.deepEqual(condition!.test!.args[0], { kind: 'number', value: 2048 });
    assert.deepEqual(redirect!.args[0], { kind: 'string', value: 'a"b\\c@example.com' });
  });

  it('gives exact line:column positions for errors', () => {
    assert.deepEqual(errorAt('if true { keep }'), { line: 1, column: 16, message: "expected end of command ';' or the beginning of a compound block '{', but found '}'" });
    assert.deepEqual(errorAt('keep;\n  fileinto "x";'), { line: 2, column: 3, message: 'unknown command \'fileinto\' (require "fileinto")' });
    assert.deepEqual(errorAt('require ["fileinto",\n "x-nope"];'), { line: 1, column: 9, message: "require command: unknown Sieve capability 'x-nope'" });
    assert.deepEqual(errorAt('if header :bogus "a" "b" { }'), { line: 1, column: 11, message: "unknown tagged argument ':bogus' for header" });
    assert.deepEqual(errorAt('if header :is :contains "a" "b" {}'), { line: 1, column: 15, message: "':contains' cannot be combined with ':is'" });
    assert.deepEqual(errorAt('keep;\n"oops";'), { line: 2, column: 1, message: 'expected a command, but found string' });
    assert.deepEqual(errorAt('redirect "x@example.com" "y";'), { line: 1, column: 26, message: 'redirect takes 1 positional arguments, but 2 were given' });
    assert.deepEqual(errorAt('if true { stop; }\nelse { keep; }\nelse { keep; }'), { line: 3, column: 1, message: 'else must follow if or elsif' });
    assert.deepEqual(errorAt('if "x" {}'), { line: 1, column: 4, message: 'if takes 0 positional arguments, but 1 were given' });
    assert.deepEqual(errorAt('discard;\nredirect "unterminated;'), { line: 2, column: 10, message: 'unterminated string' });
    assert.deepEqual(errorAt('require "regex";\nif header :regex "s" "(a+)+" {}'), { line: 2, column: 11, message: 'nested quantifiers (a repeated group that itself repeats or alternates) are refused: they can backtrack catastrophically' });
  });

  it('enforces the limits: size, nesting, command count', () => {
    assert.match(compileSieve('keep;'.repeat(100), { limits: { maxScriptBytes: 50 } }).diagnostics[0]?.message ?? '', /larger than 50 octets/);
    assert.match(errorAtWith('if true {'.repeat(10) + '}'.repeat(10), { maxNestingDepth: 5 }), /nesting is deeper than 5/);
    assert.match(errorAtWith('keep;'.repeat(20), { maxCommands: 10 }), /more than 10 commands/);
  });
});

function errorAtWith(script: string, limits: Partial<SieveLimits>): string {
  const outcome = compileSieve(script, { limits });
  assert.equal(outcome.ok, false);
  return outcome.diagnostics[0]!.message;
}
