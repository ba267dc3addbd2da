import type { MessageSummary } from '../../interfaces/message.js';
import { JsonSummary, parseSummaryJson, readOnly } from '../summary-json.js';
import { copySummary } from './records.js';

/**
 * A summary as the index keeps it: the JSON text the store writes, parsed the first time something
 * reads it (and kept parsed from then on). A mail store holds far more summaries than anyone reads:
 * kept as objects, each cost ~25 heap objects for the garbage collector to trace on every full
 * collection, where one string costs one. Immutable: a new summary replaces the record.
 */
export class SummaryText {
  /** `JSON.stringify` of the summary, as the store writes it. */
  readonly json: string;
  #parsed: MessageSummary | null = null;

  private constructor(json: string) {
    this.json = json;
  }

  /** The record of a summary handed to the store: the text it came as, else the text of the fields a summary declares. */
  static of(summary: MessageSummary): SummaryText {
    return new SummaryText(summary instanceof JsonSummary ? summary.json : JSON.stringify(copySummary(summary)));
  }

  /** The record of a summary's JSON text as the store wrote it. */
  static fromJson(json: string): SummaryText {
    return new SummaryText(json);
  }

  /** The summary, frozen (callers share it). */
  get summary(): MessageSummary {
    this.#parsed ??= readOnly(parseSummaryJson(this.json));
    return this.#parsed;
  }
}
