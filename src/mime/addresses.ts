import type { AddressObject, EmailAddress } from 'mailparser';
import type { HeaderAddress } from '../interfaces/message.js';
import { mailparser } from './mailparser.js';
import { matchSimpleMailbox } from './simple-mailbox.js';

/** Flattens RFC 5322 §3.4 groups into their members; entries without an address are dropped. */
function flatten(entries: readonly EmailAddress[], into: HeaderAddress[]): void {
  for (const entry of entries) {
    if (entry.group) flatten(entry.group, into);
    else if (entry.address) into.push({ name: entry.name ?? '', address: entry.address });
  }
}

/**
 * Turns mailparser's address objects (one per header occurrence) into posthouse's
 * {@link HeaderAddress} list, groups flattened.
 */
export function toHeaderAddresses(parsed: AddressObject | AddressObject[] | undefined): HeaderAddress[] {
  const addresses: HeaderAddress[] = [];
  for (const object of parsed === undefined ? [] : Array.isArray(parsed) ? parsed : [parsed]) flatten(object.value, addresses);
  return addresses;
}

/**
 * The one address of a value in a simple form, exactly as mailparser reads it (names trimmed,
 * nothing to decode), or null for a value that needs mailparser: also an internationalized domain
 * (`xn--`), which mailparser shows in Unicode, and a quoted name holding an `@`.
 */
export function simpleMailbox(value: string): HeaderAddress | null {
  const match = matchSimpleMailbox(value);
  if (match === null) return null;
  const { address } = match;
  const name = (match.display ?? '').trim();
  // mailparser drops a name that repeats the address, and has rules of its own for one with an `@`
  if (address.includes('@xn--') || name.includes('@')) return null;
  return { name, address };
}

/**
 * Parses raw address header values (RFC 5322 §3.4; display names with encoded words decoded).
 * Never throws: a value it cannot read yields no addresses. A single value in a simple form
 * (see {@link simpleMailbox}) is read without mailparser, which costs ten times as much.
 */
export function parseAddressValues(values: readonly string[]): HeaderAddress[] {
  if (values.length === 0) return [];
  const simple = values.length === 1 ? simpleMailbox(values[0]!) : null;
  if (simple !== null) return [simple];
  try {
    return toHeaderAddresses(mailparser().parseAddressHeader([...values]));
  } catch {
    return [];
  }
}
