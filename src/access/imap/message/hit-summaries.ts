import type { MessageSummary } from '../../../interfaces/message.js';
import type { SearchHit } from './search-run.js';

/**
 * The summary of each hit by UID; messages without one (IMAP APPEND, indexer behind) get it
 * computed now and recorded, so SORT and THREAD never parse them twice.
 */
export async function hitSummaries(hits: readonly SearchHit[]): Promise<Map<number, MessageSummary>> {
  const summaries = new Map<number, MessageSummary>();
  for (const hit of hits) {
    if (hit.message.summary?.imap === undefined) await hit.content.imapSummary();
    summaries.set(hit.message.uid, hit.message.summary!);
  }
  return summaries;
}
