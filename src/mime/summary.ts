import type { MessageSource, MessageSummary } from '../interfaces/message.js';
import { emptySummary, headerSummaryOf } from './header-summary.js';
import { parseMimeTree } from './imap-mime-tree.js';
import { imapSummaryOf } from './imap-summary.js';
import { makeSnippet } from './snippet.js';
import { summaryBody } from './summary-body.js';

/** Options of {@link summarize}. */
export interface SummarizeOptions {
  /**
   * Also render IMAP's ENVELOPE, BODY and BODYSTRUCTURE and the reference fields THREAD reads
   * (`summary.imap`). Default true. The deliverer passes false: most delivered mail is never
   * fetched over IMAP, and the IMAP server renders and records them at the first FETCH that
   * needs them.
   */
  imap?: boolean;
}

/**
 * Summarises a message for listings and searches (subject, addresses, date, Message-ID, a
 * snippet of at most 200 characters, whether it has attachments, and unless `options.imap` is
 * false IMAP's ENVELOPE and BODYSTRUCTURE), with RFC 2047 encoded words and body charsets decoded.
 *
 * One parse serves it all: posthouse's own bounded header scanner and MIME tree (at most 1,000
 * entities and 50 levels), no full MIME parser — this runs after every delivery. Only bounded
 * prefixes of text parts are decoded; attachments are counted, never decoded.
 *
 * Never throws: a source that cannot be read gets an empty summary.
 *
 * @example
 * const summary = await summarize(bufferSource('Subject: =?utf-8?Q?caf=C3=A9?=\r\n\r\nhello'));
 * // { subject: 'café', snippet: 'hello', ... }
 */
export async function summarize(source: MessageSource, options: SummarizeOptions = {}): Promise<MessageSummary> {
  let raw: Buffer;
  try {
    raw = await source.buffer();
  } catch {
    return emptySummary();
  }
  // IMAP's rendering is for messages with bytes; an empty one is rendered on demand in microseconds.
  if (raw.length === 0) return emptySummary();
  try {
    const root = parseMimeTree(raw);
    const body = summaryBody(raw, root);
    // filled in rather than spread into a copy; the keys keep their order (and so the JSON text)
    const summary = headerSummaryOf(raw, root.fields);
    summary.snippet = makeSnippet(body.text);
    summary.hasAttachments = body.hasAttachments;
    if (options.imap !== false) summary.imap = imapSummaryOf(raw, root);
    return summary;
  } catch {
    return emptySummary();
  }
}
