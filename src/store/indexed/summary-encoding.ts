import type { MessageSummary } from '../../interfaces/message.js';
import { copySummary, readOnly } from './records.js';

/**
 * The JSON text of summaries made on the summary worker, which sends each one's text with it: the
 * store keeps and writes that text instead of stringifying the summary again.
 */
const texts = new WeakMap<MessageSummary, string>();

/** Records `json`, the `JSON.stringify` of `summary` made elsewhere (on the summary worker). */
export function rememberSummaryJson(summary: MessageSummary, json: string): void {
  texts.set(summary, json);
}

/** A summary read back from JSON: its date is a Date again. */
export function parseSummaryJson(json: string): MessageSummary {
  const parsed = JSON.parse(json) as Omit<MessageSummary, 'date'> & { date: string | null };
  return { ...parsed, date: parsed.date === null ? null : new Date(parsed.date) };
}

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

  /** The record of a summary handed to the store: the worker's text, else the text of the fields a summary declares. */
  static of(summary: MessageSummary): SummaryText {
    return new SummaryText(texts.get(summary) ?? JSON.stringify(copySummary(summary)));
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
