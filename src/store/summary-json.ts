import type { HeaderAddress, ImapMessageSummary, MessageSummary } from '../interfaces/message.js';

/** A summary read back from JSON: its date is a Date again. */
export function parseSummaryJson(json: string): MessageSummary {
  const parsed = JSON.parse(json) as Omit<MessageSummary, 'date'> & { date: string | null };
  return { ...parsed, date: parsed.date === null ? null : new Date(parsed.date) };
}

/**
 * A summary that arrives as its JSON text, as the summary worker sends it, and is parsed only if a
 * field is read. A store that keeps summaries as text (the indexed ones do, see `storedSummary`)
 * writes the text as it came and never parses it, so the thread that answers SMTP neither rebuilds the summary's ~25
 * objects from the worker's reply nor stringifies them again (~13 µs of that thread per message at
 * 32 sessions). Read-only: its fields are getters over the parsed summary, which is frozen.
 * Adapters that do not keep text get a plain object instead (see `AbstractStore.keepsSummaryText`).
 *
 * @example
 * const summary = new JsonSummary(text);
 * summary.subject; // parsed now, once
 */
export class JsonSummary implements MessageSummary {
  /** `JSON.stringify` of the summary. */
  readonly json: string;
  #parsed: MessageSummary | null = null;

  constructor(json: string) {
    this.json = json;
  }

  /** The summary as a plain, frozen object. */
  get parsed(): MessageSummary {
    this.#parsed ??= readOnly(parseSummaryJson(this.json));
    return this.#parsed;
  }

  get subject(): string {
    return this.parsed.subject;
  }

  get from(): HeaderAddress[] {
    return this.parsed.from;
  }

  get to(): HeaderAddress[] {
    return this.parsed.to;
  }

  get cc(): HeaderAddress[] {
    return this.parsed.cc;
  }

  get date(): Date | null {
    return this.parsed.date;
  }

  get messageId(): string | null {
    return this.parsed.messageId;
  }

  get snippet(): string {
    return this.parsed.snippet;
  }

  get hasAttachments(): boolean {
    return this.parsed.hasAttachments;
  }

  get imap(): ImapMessageSummary | undefined {
    return this.parsed.imap;
  }

  toJSON(): MessageSummary {
    return this.parsed;
  }
}

/**
 * Summaries are handed out without a copy: listing 100,000 messages must not clone 100,000
 * summaries (IMAP SELECT, the HTTP list). They are frozen once instead, so a caller cannot change
 * the index through them; writes store a clone of what they are given.
 */
export function readOnly<T extends object>(value: T): T {
  if (Object.isFrozen(value)) return value;
  for (const field of Object.values(value)) if (field !== null && typeof field === 'object' && !(field instanceof Date)) readOnly(field as object);
  return Object.freeze(value);
}
