import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import { normaliseDomain } from './address-domain.js';
import { quoteLocalPart, splitAddress } from './address-local-part.js';

/** How addresses are compared. */
export interface AddressOptions {
  /** The RFC 5233 sub-address separator (`user+detail@`). Default `+`; `null` turns sub-addressing off. */
  subaddressSeparator?: string | null;
  /** Keep the case of local parts when comparing. Default false: `Alice@` and `alice@` are one mailbox. */
  caseSensitiveLocalPart?: boolean;
}

/** A mailbox address taken apart and normalised for lookup. */
export interface ParsedAddress {
  /** The local part as written, unquoted and unescaped. */
  localPart: string;
  /** Lower-case A-label domain, or an address literal as written. */
  domain: string;
  /** The domain with U-labels, for display. */
  unicodeDomain: string;
  /** The lookup key: folded local part (quoted only when needed), `@`, A-label domain. */
  address: string;
  /** `address` without the sub-address detail; equal to `address` when there is none. */
  base: string;
  /** The sub-address detail as written (`Tag` of `user+Tag@`), `''` for `user+@`, null when none. */
  detail: string | null;
  /** Whether the local part holds non-ASCII characters, so the address needs SMTPUTF8 (RFC 6531). */
  smtpUtf8: boolean;
}

/** RFC 5321 §4.5.3.1.1. */
const MAX_LOCAL_PART_OCTETS = 64;
/** RFC 5321 §4.5.3.1.3, including the angle brackets. */
const MAX_PATH_OCTETS = 256;

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.ADDRESS_INVALID, message);
}

/** Removes surrounding white space and one pair of angle brackets (`<a@b>`). */
function stripBrackets(input: string): string {
  let stripped = input.trim();
  if (stripped.startsWith('<')) {
    if (!stripped.endsWith('>')) throw invalid('Address opens "<" without closing it');
    stripped = stripped.slice(1, -1).trim();
  } else if (stripped.endsWith('>')) {
    throw invalid('Address closes ">" without opening it');
  }
  if (stripped === '') throw invalid('Address is empty');
  return stripped;
}

function checkLengths(localPart: string, domain: string): void {
  if (Buffer.byteLength(localPart) > MAX_LOCAL_PART_OCTETS) {
    throw invalid(`Local part is longer than ${MAX_LOCAL_PART_OCTETS} octets (RFC 5321 §4.5.3.1.1)`);
  }
  if (Buffer.byteLength(localPart) + domain.length + 3 > MAX_PATH_OCTETS) {
    throw invalid(`Address is longer than ${MAX_PATH_OCTETS - 2} octets (RFC 5321 §4.5.3.1.3)`);
  }
}

function separatorOf(options: AddressOptions | undefined): string | null {
  const separator = options?.subaddressSeparator === undefined ? '+' : options.subaddressSeparator;
  if (separator === '') throw new PosthouseError(ErrorCodes.CONFIG_INVALID, 'subaddressSeparator must not be empty (use null to turn it off)');
  return separator;
}

/**
 * Parses a mailbox address (RFC 5321 §4.1.2 `Mailbox`, RFC 6531 for UTF-8 local parts) and
 * normalises it for lookup. Sub-addressing follows RFC 5233: the detail is what follows the first
 * separator, unless the separator opens the local part.
 *
 * @throws PosthouseError `ADDRESS_INVALID` with a message naming the fault.
 * @example
 * parseAddress('<Alice+News@Bücher.de>');
 * // { address: 'alice+news@xn--bcher-kva.de', base: 'alice@xn--bcher-kva.de', detail: 'News', ... }
 */
export function parseAddress(input: string, options?: AddressOptions): ParsedAddress {
  if (typeof input !== 'string') throw invalid('Address must be a string');
  if (/[\r\n\0]/.test(input)) throw invalid('Address contains CR, LF or NUL');
  // Checked before any parsing so a hostile megabyte costs one scan, not a parse.
  if (input.length > MAX_PATH_OCTETS * 4) throw invalid(`Address is longer than ${MAX_PATH_OCTETS - 2} octets (RFC 5321 §4.5.3.1.3)`);
  const separator = separatorOf(options);
  const key = `${separator === null ? '\u0001' : separator}\0${options?.caseSensitiveLocalPart ? 1 : 0}\0${input}`;
  const known = parsed.get(key);
  if (known !== undefined) return known;
  const result = Object.freeze(parseUncached(input, separator, options));
  if (parsed.size >= PARSED_CACHE_SIZE) parsed.clear();
  parsed.set(key, result);
  return result;
}

/**
 * Addresses parsed lately, by options and input. One recipient is parsed at RCPT, by the
 * directory, the deliverer and the webhook routes: IDNA and the checks cost a few percent of the
 * receiver's time when each of them did it again. Only successes are kept; cleared when full.
 */
const parsed = new Map<string, Readonly<ParsedAddress>>();
const PARSED_CACHE_SIZE = 4096;

function parseUncached(input: string, separator: string | null, options: AddressOptions | undefined): ParsedAddress {
  const { localPart, quoted, domain: writtenDomain } = splitAddress(stripBrackets(input));
  const { domain, unicodeDomain } = normaliseDomain(writtenDomain);
  checkLengths(quoted ? quoteLocalPart(localPart) : localPart, domain);

  const fold = (part: string): string => (options?.caseSensitiveLocalPart ? part : part.toLowerCase()).normalize('NFC');
  const address = formatAddress(fold(localPart), domain);
  checkLengths(quoteLocalPart(fold(localPart)), domain);

  const split = separator === null ? -1 : localPart.indexOf(separator);
  // A base that would need quotes past the length limit (`x…x.+tag`) is no sub-address: the base must be an address too.
  const hasDetail = split > 0 && Buffer.byteLength(quoteLocalPart(fold(localPart.slice(0, split)))) <= MAX_LOCAL_PART_OCTETS;
  return {
    localPart,
    domain,
    unicodeDomain,
    address,
    base: hasDetail ? formatAddress(fold(localPart.slice(0, split)), domain) : address,
    detail: hasDetail ? localPart.slice(split + separator!.length) : null,
    smtpUtf8: /[^\u0000-\u007f]/.test(localPart),
  };
}

/**
 * The lookup form of an address: `parseAddress(input, options).address`.
 *
 * @throws PosthouseError `ADDRESS_INVALID`.
 * @example
 * normalizeAddress('<"John.Doe"@Example.COM>'); // 'john.doe@example.com'
 */
export function normalizeAddress(input: string, options?: AddressOptions): string {
  return parseAddress(input, options).address;
}

/**
 * Joins an unquoted local part and a domain into an address, quoting the local part only when it
 * is not a dot-atom (RFC 5321 §4.1.2). Nothing is folded or checked.
 *
 * @example
 * formatAddress('john doe', 'example.com'); // '"john doe"@example.com'
 */
export function formatAddress(localPart: string, domain: string): string {
  return `${quoteLocalPart(localPart)}@${domain}`;
}
