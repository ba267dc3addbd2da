import { compileSieve, evaluateRules, type CompiledRules } from '../index.js';
import type { RulesEngine } from './engine.js';

/**
 * The real engine behind script storage and the deliverer: the Sieve compiler and the
 * interpreter of `src/rules` (RFC 5228 and its extensions).
 */
export const sieveEngine: RulesEngine = {
  compile(text, include) {
    return compileSieve(text, include === undefined ? {} : { include });
  },
  evaluate(sets, message, environment, services) {
    return evaluateRules(sets.map((set) => ({ origin: set.origin, rules: set.rules as CompiledRules })), message, environment, services);
  },
};
