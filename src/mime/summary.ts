import { pipeline } from 'node:stream/promises';
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser';
import type { MessageSource, MessageSummary } from '../interfaces/message.js';
import { toHeaderAddresses } from './addresses.js';
import { emptySummary, headerOnlySummary, normaliseMessageId, parseDateValue } from './header-summary.js';
import { parserOptions } from './parser-options.js';
import { htmlSnippetText } from './html-text.js';
import { makeSnippet } from './snippet.js';
import { imapSummaryOf } from './imap-summary.js';

/** What the streaming parse collects besides the headers. */
interface BodyFacts {
  text: string;
  hasAttachments: boolean;
}

/** Drains each attachment without buffering it; an inline image an HTML body refers to is not counted. */
function collectBody(parser: MailParser, facts: BodyFacts): void {
  parser.on('data', (data: AttachmentStream | MessageText) => {
    if (data.type === 'attachment') {
      if (!data.related) facts.hasAttachments = true;
      data.content.on('end', () => data.release?.());
      data.content.resume();
    } else {
      facts.text = data.text || (data.html ? htmlSnippetText(data.html) : '');
    }
  });
}

async function parseSummary(source: MessageSource): Promise<MessageSummary> {
  const parser = new MailParser({ ...parserOptions });
  const facts: BodyFacts = { text: '', hasAttachments: false };
  collectBody(parser, facts);
  await pipeline(source.read(), parser);
  // mailparser puts "now" in place of a Date it cannot read; the contract wants null there.
  const dateLine = parser.headerLines ? parser.headerLines.find((line) => line.key === 'date')?.line : undefined;
  const date = parseDateValue(dateLine?.slice(dateLine.indexOf(':') + 1).replace(/\r?\n/g, ''));
  return {
    subject: parser.subject ?? '',
    from: toHeaderAddresses(parser.from),
    to: toHeaderAddresses(parser.to),
    cc: toHeaderAddresses(parser.cc),
    date,
    messageId: normaliseMessageId(parser.messageId),
    snippet: makeSnippet(facts.text),
    hasAttachments: facts.hasAttachments,
  };
}

/**
 * Summarises a message for listings and searches (subject, addresses, date, Message-ID, a
 * snippet of at most 200 characters, whether it has attachments, and IMAP's ENVELOPE and
 * BODYSTRUCTURE rendered once), with RFC 2047 encoded words and
 * body charsets decoded. The body is streamed: attachments are counted, never buffered.
 *
 * Never throws. A message the MIME parser refuses (over 1,000 parts or nesting levels, a header
 * section over 1 MiB: mailsplit's own bounds, which stop it in milliseconds) gets a summary of its
 * header section read by a bounded scanner; a source that cannot even be read gets an empty one.
 *
 * @example
 * const summary = await summarize(bufferSource('Subject: =?utf-8?Q?caf=C3=A9?=\r\n\r\nhello'));
 * // { subject: 'café', snippet: 'hello', ... }
 */
export async function summarize(source: MessageSource): Promise<MessageSummary> {
  let summary: MessageSummary;
  try {
    summary = await parseSummary(source);
  } catch {
    try {
      summary = headerOnlySummary(await source.buffer());
    } catch {
      return emptySummary();
    }
  }
  // IMAP's rendering is for messages with bytes; an empty one is rendered on demand in microseconds.
  if (source.size === 0) return summary;
  try {
    return { ...summary, imap: imapSummaryOf(await source.buffer()) };
  } catch {
    return summary;
  }
}
