import type { MessageSummary } from '../interfaces/message.js';

/** What the main thread sends the summary worker: a batch of messages' bytes (copied by structured cloning). */
export interface SummaryRequest {
  id: number;
  messages: Uint8Array[];
}

/** The summary worker's answer to one {@link SummaryRequest}, in the same order (the Date survives structured cloning). */
export interface SummaryReply {
  id: number;
  summaries: MessageSummary[];
  /** Each summary's `JSON.stringify`, made on the worker: what a store writes (see `summaryJson`). */
  texts: string[];
}
