import type { RuleDiagnostic, SourcePosition } from '../interfaces/rules.js';
import type { RuleMessage } from './engine/rule-message.js';

/**
 * The rule model both front ends compile to: commands and tests as data, each with the position
 * it came from, so the engine can explain which line did what (RFC 5228 §2 grammar, flattened).
 */

/** One argument of a command or test after validation. */
export type ArgumentValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'strings'; readonly values: readonly string[] }
  | { readonly kind: 'number'; readonly value: number };

/** A test (RFC 5228 §2.9/§5) as data. */
export interface CompiledTest {
  readonly name: string;
  /** Tagged arguments by tag (`:contains` → true, `:comparator` → its string, `:value` → `"ge"`). */
  readonly tags: Readonly<Record<string, ArgumentValue | true>>;
  readonly args: readonly ArgumentValue[];
  /** Sub-tests of `allof`, `anyof`, `not`. */
  readonly tests: readonly CompiledTest[];
  readonly position: SourcePosition | null;
  /** A typed rule's function predicate (`x-predicate`): not serialisable to Sieve. */
  readonly predicate?: (message: RuleMessage) => boolean | Promise<boolean>;
}

/** A command (RFC 5228 §2.9) as data: control (`if`, `stop`, …) or action. */
export interface CompiledCommand {
  readonly name: string;
  readonly tags: Readonly<Record<string, ArgumentValue | true>>;
  readonly args: readonly ArgumentValue[];
  readonly test: CompiledTest | null;
  /** The block of `if`/`elsif`/`else`. */
  readonly block: readonly CompiledCommand[] | null;
  readonly position: SourcePosition | null;
  /** The typed rule it came from, shown as the origin in the trace. */
  readonly origin?: string;
}

/** A compiled script (or a set of typed rules): what {@link evaluateRules} runs. */
export interface CompiledRules {
  readonly name: string;
  /** Capabilities required (RFC 5228 §3.2), as given. */
  readonly requires: readonly string[];
  readonly commands: readonly CompiledCommand[];
  /** Scripts named by `include` (RFC 6609), compiled at compile time, by `location:name`. */
  readonly includes: Readonly<Record<string, CompiledRules>>;
  /** False when a typed rule holds a function predicate. */
  readonly serialisable: boolean;
}

/** What compiling a Sieve script gives: the rules, or why not. */
export type CompileOutcome =
  | { ok: true; rules: CompiledRules; diagnostics: RuleDiagnostic[] }
  | { ok: false; diagnostics: RuleDiagnostic[] };
