/** The sub-address separator of RFC 5233 §2 as posthouse uses it everywhere (see core/address.ts). */
const SEPARATOR = '+';

/**
 * The part of an address a test compares (RFC 5228 §2.7.4, RFC 5233 §3), or null when the
 * address has no such part (`:detail` of an address without `+detail` does not match anything).
 */
export function addressPart(address: string, part: string): string | null {
  const at = address.lastIndexOf('@');
  const localPart = at < 0 ? address : address.slice(0, at);
  const domain = at < 0 ? '' : address.slice(at + 1);
  const split = localPart.indexOf(SEPARATOR);
  switch (part) {
    case ':localpart':
      return localPart;
    case ':domain':
      return domain;
    case ':user':
      return split < 0 ? localPart : localPart.slice(0, split);
    case ':detail':
      return split < 0 ? null : localPart.slice(split + SEPARATOR.length);
    default:
      return address;
  }
}

/** The address-part tag a test was given, `:all` by default. */
export function addressPartTag(tags: Readonly<Record<string, unknown>>): string {
  return [':localpart', ':domain', ':user', ':detail'].find((tag) => tags[tag] !== undefined) ?? ':all';
}

/** Applies `:index n` / `:last` (RFC 5260 §6) to the occurrences of a header: 1-based, counted from the end with `:last`. */
export function selectIndex<T>(occurrences: readonly T[], index: number | undefined, last: boolean): readonly T[] {
  if (index === undefined) return occurrences;
  const position = last ? occurrences.length - index : index - 1;
  const chosen = occurrences[position];
  return chosen === undefined ? [] : [chosen];
}
