/**
 * Comparators (RFC 4790 as used by RFC 5228 §2.7.3): how two strings compare for equality,
 * substring and ordering.
 */
export interface Comparator {
  name: string;
  /** The form values take before `:is`/`:contains`/`:matches` compare them. */
  fold(value: string): string;
  /** Ordering for relational `:value` (RFC 5231): negative, zero or positive. */
  order(left: string, right: string): number;
  /** Whether substring matching is defined (not for `i;ascii-numeric`). */
  substring: boolean;
}

const compareStrings = (left: string, right: string): number => (left < right ? -1 : left > right ? 1 : 0);
/** RFC 4790 §9.2: only ASCII letters fold. */
const asciiLower = (value: string): string => value.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());

/** RFC 4790 §9.1: leading digits as a number; no leading digit is positive infinity. */
function numericValue(value: string): number {
  const digits = /^[0-9]+/.exec(value);
  return digits === null ? Number.POSITIVE_INFINITY : Number(digits[0].replace(/^0+(?=.)/, '').slice(0, 300));
}

export const COMPARATORS: Readonly<Record<string, Comparator>> = {
  'i;octet': { name: 'i;octet', fold: (value) => value, order: (left, right) => compareStrings(Buffer.from(left).toString('latin1'), Buffer.from(right).toString('latin1')), substring: true },
  'i;ascii-casemap': {
    name: 'i;ascii-casemap',
    fold: asciiLower,
    order: (left, right) => compareStrings(asciiLower(left), asciiLower(right)),
    substring: true,
  },
  'i;ascii-numeric': {
    name: 'i;ascii-numeric',
    fold: (value) => value,
    order: (left, right) => {
      const a = numericValue(left);
      const b = numericValue(right);
      return a === b ? 0 : a < b ? -1 : 1;
    },
    substring: false,
  },
};

/** The capability a comparator needs in `require` (RFC 5228 §2.7.3); the two base ones need none. */
export function comparatorCapability(name: string): string | null {
  return name === 'i;octet' || name === 'i;ascii-casemap' ? null : `comparator-${name}`;
}
