import type { SummarizeOptions } from '../mime/summary.js';

/** What the main thread sends the summary worker: a batch of messages' bytes (copied by structured cloning). */
export interface SummaryRequest {
  id: number;
  messages: Uint8Array[];
  options: SummarizeOptions;
}

/**
 * The summary worker's answer to one {@link SummaryRequest}, in the same order: each summary's
 * JSON text (`summaryText`, the same text as `JSON.stringify` gives), made on the worker. The text
 * is what a store writes, and strings cross threads far more cheaply than the summaries' objects
 * (see `JsonSummary`).
 */
export interface SummaryReply {
  id: number;
  texts: string[];
}
