import type { MessageSummary } from '../interfaces/message.js';

/** What the main thread sends the summary worker: one message's bytes (transferred, not copied). */
export interface SummaryRequest {
  id: number;
  message: Uint8Array;
}

/** The summary worker's answer to one {@link SummaryRequest} (the Date survives structured cloning). */
export interface SummaryReply {
  id: number;
  summary: MessageSummary;
}
