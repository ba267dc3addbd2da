import type { MessageSummary } from '../../interfaces/message.js';
import { JsonSummary } from '../summary-json.js';
import { copySummary } from './records.js';

/**
 * A summary as the index keeps it: its JSON text, the text the store writes, parsed the first time
 * something reads it (and kept parsed from then on). A mail store holds far more summaries than
 * anyone reads: kept as objects, each cost ~25 heap objects for the garbage collector to trace on
 * every full collection, where a string costs one. A summary that came as text (from the summary
 * worker) is kept as it came; any other is kept as the text of the fields a summary declares.
 * Immutable: a new summary replaces the record's.
 *
 * @example
 * record.summary = storedSummary(summary); // record.summary.json is what the store writes
 */
export function storedSummary(summary: MessageSummary): JsonSummary {
  return summary instanceof JsonSummary ? summary : new JsonSummary(JSON.stringify(copySummary(summary)));
}
