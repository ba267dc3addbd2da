import { ErrorCodes } from '../../errors/codes.js';
import { compileRules, compileSieve, RuleBuilder, type CompiledRules } from '../../rules/index.js';
import type { CompiledRuleSet } from '../../rules/scripts/engine.js';
import { formatDiagnostic, ScriptError } from '../../rules/scripts/script-error.js';

/** A rule the host application gives in code: typed rules, Sieve text, or rules compiled already. */
export type CodeRule = RuleBuilder | readonly RuleBuilder[] | CompiledRules | string;

/**
 * Compiles the host application's own rules once, at start-up, into rule sets that run before
 * every stored script (origin `app:<n>`, or the typed rule's name). A Sieve text that does not
 * compile is a configuration error: it throws now, never at delivery.
 *
 * @example
 * compileCodeRules([rule('invoices').when(header('subject').contains('invoice')).fileInto('Invoices')]);
 */
export function compileCodeRules(rules: readonly CodeRule[]): CompiledRuleSet[] {
  return rules.map((entry, index) => {
    const origin = `app:${index + 1}`;
    if (typeof entry === 'string') {
      const outcome = compileSieve(entry, { name: origin });
      if (!outcome.ok) {
        throw new ScriptError(ErrorCodes.RULES_SCRIPT_INVALID, `Rule ${origin} does not compile: ${outcome.diagnostics.map(formatDiagnostic).join('; ')}`, outcome.diagnostics);
      }
      return { origin, rules: outcome.rules };
    }
    if (entry instanceof RuleBuilder) return { origin, rules: compileRules([entry], { name: origin }) };
    if (Array.isArray(entry)) return { origin, rules: compileRules(entry as readonly RuleBuilder[], { name: origin }) };
    return { origin, rules: entry };
  });
}
