/** Bounds on what one script may cost, checked at compile time and at run time. */
export interface SieveLimits {
  /** Octets of script text. */
  maxScriptBytes: number;
  /** Nesting of blocks and test lists. */
  maxNestingDepth: number;
  /** Commands and tests in one script, includes counted. */
  maxCommands: number;
  /** Interpreter steps (commands run, tests evaluated, values compared) per message. */
  maxSteps: number;
  /** Nesting of `include` (RFC 6609 §3.2). */
  maxIncludeDepth: number;
  /** Octets of one variable's value (RFC 5229 §6: an implementation may truncate). */
  maxVariableLength: number;
  /** Characters of a value a `:regex` is run against; longer values are cut there. */
  maxRegexInput: number;
}

/** The defaults: generous for real scripts, small enough that no script can hold up delivery. */
export const DEFAULT_SIEVE_LIMITS: Readonly<SieveLimits> = Object.freeze({
  maxScriptBytes: 512 * 1024,
  maxNestingDepth: 32,
  maxCommands: 5000,
  maxSteps: 200_000,
  maxIncludeDepth: 10,
  maxVariableLength: 4000,
  maxRegexInput: 64 * 1024,
});

/** The defaults with `overrides` applied. */
export function resolveLimits(overrides: Partial<SieveLimits> | undefined): SieveLimits {
  return { ...DEFAULT_SIEVE_LIMITS, ...overrides };
}
