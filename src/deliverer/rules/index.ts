export { createRulesHook, type RulesHookOptions } from './rules-hook.js';
export { DeliveryExplanations, type DeliveryExplanation } from './explanations.js';
export { buildVacationReply, type VacationReplyInput } from './vacation-reply.js';
export { toFilingActions, type RulesFiling } from './filing-actions.js';
export { createRulesRole, type RulesOptions, type RulesRole } from './rules-role.js';
export { reapplyRules, type ReapplyReport } from './reapply.js';
export { compileCodeRules, type CodeRule } from './code-rules.js';
