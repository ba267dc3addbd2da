import { compileCodeRules, type CodeRule } from './code-rules.js';
import type { FilingHook } from '../../interfaces/delivery.js';
import type { Logger } from '../../interfaces/logger.js';
import type { Store } from '../../interfaces/store.js';
import { StoreRuleMemory } from '../../rules/memory/store-rule-memory.js';
import type { RulesEngine } from '../../rules/scripts/engine.js';
import type { ScriptLimits } from '../../rules/scripts/script-limits.js';
import { createScriptStore, type ScriptStore } from '../../rules/scripts/script-store.js';
import { sieveEngine } from '../../rules/scripts/sieve-engine.js';
import { DeliveryExplanations, type DeliveryExplanation } from './explanations.js';
import { createRulesHook } from './rules-hook.js';

/** The `rules` options of a mail server. */
export interface RulesOptions {
  /**
   * The host application's own rules, run before the stored global scripts and the account's
   * active script: typed rules (`rule(…)` from `posthouse/rules`), Sieve text, or compiled rules.
   * Typed rules may use function predicates, which Sieve cannot express.
   */
  global?: CodeRule[];
  /** Bounds on stored scripts (size, count, name length). */
  limits?: Partial<ScriptLimits>;
  /** Explanations kept per account, the oldest forgotten first (default 1000). */
  explanationsPerAccount?: number;
  /** The engine; default the Sieve engine of `src/rules`. */
  engine?: RulesEngine;
}

/** Everything the rules need in a server, built once: scripts, the hook, and the explanations. */
export interface RulesRole {
  scripts: ScriptStore;
  hook: FilingHook;
  /** Why a delivered copy landed where it did; null when no rules ran for it or it aged out. */
  explainDelivery(account: string, mailbox: string, uid: number): Promise<DeliveryExplanation | null>;
}

/**
 * Builds the rules role on a store: script storage, rule memory and explanations in its records,
 * and the filing hook that runs the global and personal scripts.
 *
 * @example
 * const rules = createRulesRole({ store, hostname: 'mx.example.com' }, {});
 * const deliverer = new Deliverer({ store, directory, hooks: [rules.hook], outbound: queue });
 */
export function createRulesRole(server: { store: Store; hostname: string; logger: Logger }, options: RulesOptions): RulesRole {
  const engine = options.engine ?? sieveEngine;
  const scripts = createScriptStore({ records: server.store.records, engine, shared: server.store.capabilities.shared, ...(options.limits ? { limits: options.limits } : {}) });
  const explanations = new DeliveryExplanations(server.store.records, options.explanationsPerAccount);
  const memory = new StoreRuleMemory({ records: server.store.records });
  const codeRules = compileCodeRules(options.global ?? []);
  const hook = createRulesHook({ scripts, engine, codeRules, store: server.store, memory, explanations, hostname: server.hostname, logger: server.logger });
  return {
    scripts,
    hook,
    async explainDelivery(account, mailbox, uid) {
      const status = await server.store.mailboxStatus(account, mailbox);
      return status === null ? null : explanations.explain(account, status.name, uid, status.uidValidity);
    },
  };
}
