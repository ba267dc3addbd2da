import { parseAddressHeader, type AddressObject, type EmailAddress } from 'mailparser';
import type { HeaderAddress } from '../interfaces/message.js';

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
 * Parses raw address header values (RFC 5322 §3.4; display names with encoded words decoded).
 * Never throws: a value it cannot read yields no addresses.
 */
export function parseAddressValues(values: readonly string[]): HeaderAddress[] {
  if (values.length === 0) return [];
  try {
    return toHeaderAddresses(parseAddressHeader([...values]));
  } catch {
    return [];
  }
}
