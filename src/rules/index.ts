/**
 * The rules engine: one model and interpreter for Sieve scripts (RFC 5228 and extensions) and
 * typed TypeScript rules. See docs/rules.md.
 */
export { compileSieve, type CompileOptions } from './sieve/compiler.js';
export { SIEVE_CAPABILITIES } from './sieve/registry.js';
export { evaluateRules, type RuleSet } from './engine/evaluate.js';
export type { RuleMessage } from './engine/rule-message.js';
export { DEFAULT_SIEVE_LIMITS, type SieveLimits } from './limits.js';
export type { ArgumentValue, CompiledCommand, CompiledRules, CompiledTest, CompileOutcome } from './model.js';
export { RuleError } from './rule-error.js';
export { rule, RuleBuilder, type FileIntoOptions, type VacationOptions } from './typed/rule-builder.js';
export { compileRules, toSieve } from './typed/compile-rules.js';
export {
  header,
  address,
  from,
  to,
  envelope,
  exists,
  size,
  body,
  hasFlag,
  allOf,
  anyOf,
  not,
  predicate,
  StringMatcher,
  AddressMatcher,
  type RuleTest,
  type RulePredicate,
} from './typed/tests.js';
export { explainToText } from './explain-text.js';
export { applyHeaderEdits } from './header-edits.js';
