export { StoreRuleMemory, type StoreRuleMemoryOptions } from './store-rule-memory.js';
