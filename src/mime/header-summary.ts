import type { HeaderAddress, MessageSummary } from '../interfaces/message.js';
import { parseAddressValues } from './addresses.js';
import { decodeEncodedWords } from './encoded-words.js';
import { readHeaderSection } from './header-section.js';
import { fieldValue, type RawHeaderField } from './imap-header-lines.js';

/** A summary with every field empty: what a message nobody can read gets. */
export function emptySummary(): MessageSummary {
  return { subject: '', from: [], to: [], cc: [], date: null, messageId: null, snippet: '', hasAttachments: false };
}

/** A Date header (RFC 5322 §3.3) as a Date, or null when it does not parse. */
export function parseDateValue(value: string | undefined): Date | null {
  if (value === undefined) return null;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A Message-ID (RFC 5322 §3.6.4) in angle brackets, or null when empty. */
export function normaliseMessageId(value: string | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return null;
  return /^<.*>$/.test(trimmed) ? trimmed : `<${trimmed.replace(/^<|>$/g, '')}>`;
}

/**
 * Summarises a message from its header section alone, with posthouse's own bounded scanner:
 * subject, addresses, date and Message-ID, encoded words decoded. No snippet, no attachment flag:
 * the body is not read here.
 */
export function headerOnlySummary(raw: Buffer): MessageSummary {
  const { fields } = readHeaderSection(raw);
  return summaryOfFields(
    (name) => fields.find((field) => field.name === name)?.value,
    (name) => fields.filter((field) => field.name === name).map((field) => field.value),
  );
}

/**
 * {@link headerOnlySummary} from the header a MIME tree has already scanned (its root's fields):
 * only the fields a summary shows are decoded.
 */
export function headerSummaryOf(raw: Buffer, fields: readonly RawHeaderField[]): MessageSummary {
  return summaryOfFields(
    (name) => {
      const field = fields.find((candidate) => candidate.name === name);
      return field === undefined ? undefined : fieldValue(raw, field);
    },
    (name) => fields.filter((field) => field.name === name).map((field) => fieldValue(raw, field)),
  );
}

/** A summary's header part, given the value of a field's first occurrence and of all of them. */
function summaryOfFields(first: (name: string) => string | undefined, all: (name: string) => string[]): MessageSummary {
  const addressesOf = (name: string): HeaderAddress[] => parseAddressValues(all(name));
  return {
    // A tab left by folding reads as a space, as mail clients show it.
    subject: decodeEncodedWords(first('subject') ?? '').replace(/\t/g, ' '),
    from: addressesOf('from'),
    to: addressesOf('to'),
    cc: addressesOf('cc'),
    date: parseDateValue(first('date')),
    messageId: normaliseMessageId(first('message-id')),
    snippet: '',
    hasAttachments: false,
  };
}
