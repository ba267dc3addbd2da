import { parseEnvelopeAddresses, type EnvelopeAddress } from './imap-address-list.js';
import { fieldsNamed, type RawHeaderField } from './imap-header-lines.js';
import { imapNString, imapString } from './imap-wire.js';

const LF = 0x0a;
const CR = 0x0d;

/** A field's value for ENVELOPE; `folded` when it spanned lines, which Dovecot answers with a literal. */
interface EnvelopeText {
  value: string;
  folded: boolean;
}

function envelopeText(raw: Buffer, field: RawHeaderField): EnvelopeText {
  // the line ending that ends the field is not part of its value
  let end = field.end;
  if (raw[end - 1] === LF) end -= raw[end - 2] === CR ? 2 : 1;
  // decoding from past the colon gives what cutting a decoded whole would (see fieldValue)
  const value = raw.toString('utf8', field.valueStart, end);
  // one line, the usual case: nothing to unfold
  if (!value.includes('\n')) return { value: value.trim(), folded: false };
  // Unfolding as Dovecot does: line endings dropped, a tab that began a continuation line read as a space.
  return { value: value.replace(/\r?\n\t/g, ' ').replace(/\r?\n/g, '').trim(), folded: true };
}

function renderText(raw: Buffer, field: RawHeaderField | undefined): string {
  if (field === undefined) return 'NIL';
  const text = envelopeText(raw, field);
  return imapString(text.value, text.folded);
}

function renderAddress(address: EnvelopeAddress): string {
  return `(${imapNString(address.name)} ${imapNString(address.adl)} ${imapNString(address.mailbox)} ${imapNString(address.host)})`;
}

function renderAddresses(value: string | null): string {
  return value === null ? 'NIL' : renderParsed(parseEnvelopeAddresses(value));
}

function renderParsed(addresses: readonly EnvelopeAddress[]): string {
  return addresses.length === 0 ? 'NIL' : `(${addresses.map(renderAddress).join('')})`;
}

/** An address field's occurrences read as one list, as Dovecot reads a field that occurs more than once. */
function addressList(raw: Buffer, occurrences: readonly RawHeaderField[] | undefined): string | null {
  if (occurrences === undefined) return null;
  let list = envelopeText(raw, occurrences[0]!).value;
  for (let index = 1; index < occurrences.length; index++) list += `, ${envelopeText(raw, occurrences[index]!).value}`;
  return list;
}

/** The header fields ENVELOPE shows: the first of each text field, every occurrence of each address field. */
const ENVELOPE_FIELDS = new Set(['date', 'subject', 'in-reply-to', 'message-id', 'from', 'sender', 'reply-to', 'to', 'cc', 'bcc']);

/**
 * Renders the ENVELOPE of a message or encapsulated message (RFC 9051 §7.5.2) from its header
 * fields: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to and message-id, strings
 * as written in the header (encoded words are left for the client). Sender and Reply-To fall back
 * to From when absent, as the RFC requires.
 *
 * @example
 * renderEnvelope(raw, parseMimeTree(raw).fields);
 * // '("Mon, 7 Feb 1994 21:52:25 -0800" "afternoon meeting" (("Fred Foobar" NIL "foobar" "Blurdybloop.example")) …)'
 */
export function renderEnvelope(raw: Buffer, fields: readonly RawHeaderField[]): string {
  const found = fieldsNamed(fields, ENVELOPE_FIELDS);
  const from = renderAddresses(addressList(raw, found.get('from')));
  // most messages have neither field: From is parsed and rendered once for all three
  const orFrom = (occurrences: RawHeaderField[] | undefined): string => {
    const value = addressList(raw, occurrences);
    const parsed = value === null ? [] : parseEnvelopeAddresses(value);
    return parsed.length === 0 ? from : renderParsed(parsed);
  };
  // joined, not concatenated, so the result is one string, not a tree of pieces (see renderEntity)
  return `(${[
    renderText(raw, found.get('date')?.[0]),
    renderText(raw, found.get('subject')?.[0]),
    from,
    orFrom(found.get('sender')),
    orFrom(found.get('reply-to')),
    renderAddresses(addressList(raw, found.get('to'))),
    renderAddresses(addressList(raw, found.get('cc'))),
    renderAddresses(addressList(raw, found.get('bcc'))),
    renderText(raw, found.get('in-reply-to')?.[0]),
    renderText(raw, found.get('message-id')?.[0]),
  ].join(' ')})`;
}
