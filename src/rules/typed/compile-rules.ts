import type { CompiledCommand, CompiledRules, CompiledTest } from '../model.js';
import { comparatorCapability } from '../engine/comparators.js';
import { printRules } from '../sieve/printer.js';
import { commandSpec, testSpec } from '../sieve/registry.js';
import type { CommandSpec, TestSpec } from '../sieve/spec.js';
import { RuleError } from '../rule-error.js';
import type { RuleBuilder } from './rule-builder.js';

function collect(spec: CommandSpec | TestSpec | undefined, node: CompiledCommand | CompiledTest, into: Set<string>): void {
  if (spec?.capability != null) into.add(spec.capability);
  for (const [tag, value] of Object.entries(node.tags)) {
    const capability = spec?.tags[tag]?.capability;
    if (capability !== undefined) into.add(capability);
    if (tag === ':comparator' && value !== true && value.kind === 'string') {
      const needed = comparatorCapability(value.value);
      if (needed !== null) into.add(needed);
    }
  }
  if (node.tags[':count'] !== undefined || node.tags[':value'] !== undefined) into.add('relational');
}

function walk(commands: readonly CompiledCommand[], into: Set<string>): boolean {
  let serialisable = true;
  const visitTest = (test: CompiledTest): void => {
    if (test.predicate !== undefined) serialisable = false;
    else collect(testSpec(test.name), test, into);
    test.tests.forEach(visitTest);
  };
  for (const command of commands) {
    if (command.name !== 'if') collect(commandSpec(command.name), command, into);
    if (command.test !== null) visitTest(command.test);
    if (command.block !== null && !walk(command.block, into)) serialisable = false;
  }
  return serialisable;
}

/**
 * Compiles typed rules into the model Sieve scripts compile to, in order; the capabilities they
 * use are derived, so the result prints as a valid script (see {@link toSieve}).
 *
 * @example
 * const rules = compileRules([rule('spam').when(header('x-spam-flag').is('YES')).fileInto('Junk')]);
 */
export function compileRules(rules: readonly RuleBuilder[], options: { name?: string } = {}): CompiledRules {
  const commands = rules.flatMap((entry) => entry.toCommands());
  const requires = new Set<string>();
  const serialisable = walk(commands, requires);
  return { name: options.name ?? 'typed rules', requires: [...requires].sort(), commands, includes: {}, serialisable };
}

/**
 * Prints compiled rules (typed or Sieve) as a Sieve script.
 *
 * @throws RuleError when a rule holds a function predicate, which Sieve cannot say.
 */
export function toSieve(rules: CompiledRules | readonly RuleBuilder[]): string {
  const compiled = Array.isArray(rules) ? compileRules(rules as readonly RuleBuilder[]) : (rules as CompiledRules);
  if (!compiled.serialisable) throw new RuleError('these rules hold a function predicate, which has no Sieve form');
  return printRules(compiled);
}
