import type { RuleDiagnostic, RuleEnvironment, RuleServices, RulesResult } from '../../interfaces/rules.js';

/** What compiling one Sieve script gives: the compiled rules when it is valid, positioned diagnostics always. */
export interface CompileOutcome {
  ok: boolean;
  /** The engine's compiled form; opaque to the script store and the deliverer. */
  rules?: unknown;
  diagnostics: RuleDiagnostic[];
}

/** Finds the text of a script named by `include`; undefined when there is none. */
export type IncludeLookup = (name: string, location: 'personal' | 'global') => string | undefined;

/** One compiled rule set and where it comes from (`global:<name>`, `personal`). */
export interface CompiledRuleSet {
  origin: string;
  rules: unknown;
}

/**
 * The two calls of the rules engine that script storage and the deliverer need. Injected rather
 * than imported so each side can be tested with a small fake; {@link sieveEngine} is the real one.
 */
export interface RulesEngine {
  /**
   * Compiles (checks) a Sieve script; never throws for bad input. `include` looks up the scripts
   * an `include` command names (RFC 6609 §3.2), from the same account or the global ones.
   */
  compile(text: string, include?: IncludeLookup): CompileOutcome;
  /** Runs the rule sets in order over one message for one recipient (RFC 5228 §2.10). */
  evaluate(sets: CompiledRuleSet[], message: Buffer, environment: RuleEnvironment, services: RuleServices): Promise<RulesResult>;
}
