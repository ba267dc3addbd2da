export { Deliverer, type DelivererOptions, type DeliverOptions } from './deliverer.js';
export type { SummaryMode, SummaryOptions } from './indexer.js';
