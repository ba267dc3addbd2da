export { createScriptStore, type ScriptStore, type ScriptStoreOptions, type ScriptInfo, type ScriptCheck, type AccountRuleSets } from './script-store.js';
export { ScriptError, formatDiagnostic } from './script-error.js';
export { DEFAULT_SCRIPT_LIMITS, type ScriptLimits } from './script-limits.js';
export type { RulesEngine, CompileOutcome, CompiledRuleSet, IncludeLookup } from './engine.js';
export { sieveEngine } from './sieve-engine.js';
