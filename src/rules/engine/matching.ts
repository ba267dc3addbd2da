import type { CompiledTest } from '../model.js';
import { stringArgument } from '../sieve/spec.js';
import { COMPARATORS, type Comparator } from './comparators.js';
import { globMatch, relationHolds, type Relation } from './match-types.js';
import { compileRegex, regexProblem } from './regex-guard.js';
import type { RunContext } from './run-context.js';
import { SieveRuntimeError } from './runtime-error.js';

/** How a test compares: its comparator and match type (RFC 5228 §2.7). */
export interface MatchOptions {
  comparator: Comparator;
  matchType: ':is' | ':contains' | ':matches' | ':regex' | ':count' | ':value';
  relation: Relation | null;
}

/** The comparator and match type a test was given, with the defaults `:is` and `i;ascii-casemap`. */
export function matchOptionsOf(test: CompiledTest): MatchOptions {
  const comparator = COMPARATORS[stringArgument(test.tags[':comparator']) || 'i;ascii-casemap'] ?? COMPARATORS['i;ascii-casemap']!;
  for (const matchType of [':contains', ':matches', ':regex', ':count', ':value'] as const) {
    if (test.tags[matchType] !== undefined) {
      const relation = matchType === ':count' || matchType === ':value' ? (stringArgument(test.tags[matchType]).toLowerCase() as Relation) : null;
      return { comparator, matchType, relation };
    }
  }
  return { comparator, matchType: ':is', relation: null };
}

/**
 * Whether any value matches any key under the test's comparator and match type (RFC 5228
 * §2.7.1, RFC 5231 for `:count`/`:value`). Records what matched in the trace and sets the match
 * variables after a successful `:matches`/`:regex` (RFC 5229 §3.2).
 */
export function matchValues(context: RunContext, test: CompiledTest, part: string, values: readonly string[], rawKeys: readonly string[]): boolean {
  const options = matchOptionsOf(test);
  const keys = rawKeys.map((key) => context.expand(key));
  context.step(test.position, 1 + values.length * keys.length);
  const hit = (value: string, key: string): boolean => {
    context.trace.add({ origin: context.origin, position: test.position, kind: 'note', description: 'matched', matched: { part, value, key } });
    return true;
  };

  if (options.matchType === ':count') {
    const count = String(values.length);
    return keys.some((key) => relationHolds(options.relation!, options.comparator.order(count, key)) && hit(count, key));
  }
  for (const value of values) {
    for (const key of keys) {
      if (compareOne(context, options, value, key, test)) return hit(value, key);
    }
  }
  return false;
}

function compareOne(context: RunContext, options: MatchOptions, value: string, key: string, test: CompiledTest): boolean {
  const { comparator } = options;
  const captures = context.script.requires.includes('variables');
  switch (options.matchType) {
    case ':is':
      return comparator.order(value, key) === 0 && (comparator.name === 'i;ascii-numeric' || comparator.fold(value) === comparator.fold(key));
    case ':contains':
      return comparator.fold(value).includes(comparator.fold(key));
    case ':value':
      return relationHolds(options.relation!, comparator.order(value, key));
    case ':matches': {
      const groups = globMatch(value, key, comparator);
      if (groups !== null && captures) context.variables.setMatches([value, ...groups]);
      return groups !== null;
    }
    case ':regex': {
      const problem = regexProblem(key);
      const regex = problem === null ? compileRegex(key, comparator.name === 'i;ascii-casemap') : null;
      if (regex === null) throw new SieveRuntimeError(problem ?? `invalid regular expression ${JSON.stringify(key)}`, test.position);
      const found = regex.exec(value.slice(0, context.limits.maxRegexInput));
      if (found !== null && captures) context.variables.setMatches(found.map((group) => group ?? ''));
      return found !== null;
    }
    case ':count':
      return false;
  }
}
