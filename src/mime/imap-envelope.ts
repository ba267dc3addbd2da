import { parseEnvelopeAddresses, type EnvelopeAddress } from './imap-address-list.js';
import type { RawHeaderField } from './imap-header-lines.js';
import { imapString } from './imap-wire.js';

/** A field's value for ENVELOPE; `folded` when it spanned lines, which Dovecot answers with a literal. */
interface EnvelopeText {
  value: string;
  folded: boolean;
}

function envelopeText(raw: Buffer, field: RawHeaderField): EnvelopeText {
  const text = raw.toString('utf8', field.start, field.end).replace(/\r?\n$/, '');
  const value = text.slice(text.indexOf(':') + 1);
  // one line, the usual case: nothing to unfold
  if (!value.includes('\n')) return { value: value.trim(), folded: false };
  // Unfolding as Dovecot does: line endings dropped, a tab that began a continuation line read as a space.
  return { value: value.replace(/\r?\n\t/g, ' ').replace(/\r?\n/g, '').trim(), folded: /\n/.test(value) };
}

function renderText(text: EnvelopeText | null): string {
  return text === null ? 'NIL' : imapString(text.value, text.folded);
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

function imapNString(text: string | null): string {
  return text === null ? 'NIL' : imapString(text);
}

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
  const first = (name: string): EnvelopeText | null => {
    const field = fields.find((candidate) => candidate.name === name);
    return field === undefined ? null : envelopeText(raw, field);
  };
  // Address fields that occur more than once are read as one list, as Dovecot reads them.
  const addresses = (name: string): string | null => {
    const values = fields.filter((candidate) => candidate.name === name).map((field) => envelopeText(raw, field).value);
    return values.length === 0 ? null : values.join(', ');
  };
  const from = renderAddresses(addresses('from'));
  // most messages have neither field: From is parsed and rendered once for all three
  const orFrom = (name: string): string => {
    const value = addresses(name);
    const parsed = value === null ? [] : parseEnvelopeAddresses(value);
    return parsed.length === 0 ? from : renderParsed(parsed);
  };
  return `(${[
    renderText(first('date')),
    renderText(first('subject')),
    from,
    orFrom('sender'),
    orFrom('reply-to'),
    renderAddresses(addresses('to')),
    renderAddresses(addresses('cc')),
    renderAddresses(addresses('bcc')),
    renderText(first('in-reply-to')),
    renderText(first('message-id')),
  ].join(' ')})`;
}
