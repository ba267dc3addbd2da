import type { HeaderAddress, MessageSummary } from '../interfaces/message.js';
import { parseAddressValues } from './addresses.js';
import { decodeEncodedWords } from './encoded-words.js';
import { readHeaderSection, type HeaderField } from './header-section.js';

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

function addressesOf(fields: readonly HeaderField[], name: string): HeaderAddress[] {
  return parseAddressValues(fields.filter((field) => field.name === name).map((field) => field.value));
}

/**
 * Summarises a message from its header section alone, with posthouse's own bounded scanner:
 * subject, addresses, date and Message-ID, encoded words decoded. No snippet, no attachment flag:
 * the body is not read here.
 */
export function headerOnlySummary(raw: Buffer): MessageSummary {
  const { fields } = readHeaderSection(raw);
  const first = (name: string): string | undefined => fields.find((field) => field.name === name)?.value;
  return {
    ...emptySummary(),
    // A tab left by folding reads as a space, as mail clients show it.
    subject: decodeEncodedWords(first('subject') ?? '').replace(/\t/g, ' '),
    from: addressesOf(fields, 'from'),
    to: addressesOf(fields, 'to'),
    cc: addressesOf(fields, 'cc'),
    date: parseDateValue(first('date')),
    messageId: normaliseMessageId(first('message-id')),
  };
}
