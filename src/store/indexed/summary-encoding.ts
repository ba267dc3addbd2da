import type { MessageSummary } from '../../interfaces/message.js';

/**
 * The JSON text of summaries, kept beside the objects: a summary made on the summary worker comes
 * with its text, written there, and a summary stringified once is not stringified again when its
 * message is written anew (a flag change). Summaries are never changed in place (a new one
 * replaces the old), so a text stays true to its object.
 */
const texts = new WeakMap<MessageSummary, string>();

/** Records `json`, the `JSON.stringify` of `summary` made elsewhere (on the summary worker). */
export function rememberSummaryJson(summary: MessageSummary, json: string): void {
  texts.set(summary, json);
}

/** `copy`, a field-by-field copy of `summary`, has the same text. */
export function carrySummaryJson(summary: MessageSummary, copy: MessageSummary): void {
  const json = texts.get(summary);
  if (json !== undefined) texts.set(copy, json);
}

/** `JSON.stringify(summary)`, made at most once per summary. */
export function summaryJson(summary: MessageSummary): string {
  let json = texts.get(summary);
  if (json === undefined) {
    json = JSON.stringify(summary);
    texts.set(summary, json);
  }
  return json;
}
