import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII, domainToUnicode } from 'node:url';
import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';

/** RFC 5321 §4.5.3.1.2: a domain name is at most 255 octets. */
export const MAX_DOMAIN_OCTETS = 255;
/** RFC 1035 §2.3.4: a label is at most 63 octets. */
const MAX_LABEL_OCTETS = 63;

/** A domain in the two forms posthouse keeps. */
export interface NormalisedDomain {
  /** Lower-case A-label form (`xn--bcher-kva.de`), or an address literal as written. */
  domain: string;
  /** The same domain with U-labels (`bücher.de`); equal to `domain` for ASCII names and literals. */
  unicodeDomain: string;
}

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.ADDRESS_INVALID, message);
}

/** Letters, digits and hyphen, not at either end (RFC 5321 §4.1.2 `sub-domain`). */
const LDH_LABEL = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;
/** What a domain may hold before IDNA: LDH, dots, and any non-ASCII (U-labels). No `%`, which the URL parser would decode. */
const DOMAIN_INPUT = /^[A-Za-z0-9.\-\u0080-\u{10FFFF}]+$/u;

/**
 * Checks an address literal (RFC 5321 §4.1.3): `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
 * Kept as written: the literal names a host, not a domain we could fold.
 */
function normaliseAddressLiteral(literal: string): NormalisedDomain {
  if (!literal.endsWith(']')) throw invalid('Address literal is missing its closing "]"');
  const inner = literal.slice(1, -1);
  const valid = /^ipv6:/i.test(inner) ? isIPv6(inner.slice(5)) : isIPv4(inner);
  if (!valid) throw invalid('Address literal is neither an IPv4 address nor "IPv6:" followed by an IPv6 address');
  return { domain: literal, unicodeDomain: literal };
}

/**
 * Normalises the domain of an address: IDN names become lower-case A-labels (through node's
 * `url.domainToASCII`, i.e. UTS #46), address literals are checked and kept as written.
 *
 * @throws PosthouseError `ADDRESS_INVALID` naming what is wrong.
 * @example
 * normaliseDomain('Bücher.DE'); // { domain: 'xn--bcher-kva.de', unicodeDomain: 'bücher.de' }
 */
export function normaliseDomain(input: string): NormalisedDomain {
  if (input === '') throw invalid('Address has an empty domain');
  if (input.startsWith('[')) return normaliseAddressLiteral(input);
  if (!DOMAIN_INPUT.test(input)) throw invalid('Domain contains a character that is not a letter, digit, hyphen or dot');
  if (input.startsWith('.') || input.endsWith('.')) throw invalid('Domain starts or ends with a dot');
  if (input.includes('..')) throw invalid('Domain contains an empty label ("..")');
  const ascii = domainToASCII(input);
  if (ascii === '') throw invalid('Domain is not a valid internationalised domain name');
  if (ascii.length > MAX_DOMAIN_OCTETS) throw invalid(`Domain is longer than ${MAX_DOMAIN_OCTETS} octets (RFC 5321 §4.5.3.1.2)`);
  const labels = ascii.split('.');
  for (const label of labels) {
    if (label.length > MAX_LABEL_OCTETS) throw invalid(`Domain label is longer than ${MAX_LABEL_OCTETS} octets`);
    if (!LDH_LABEL.test(label)) throw invalid('Domain label must be letters, digits and inner hyphens');
  }
  // A numeric last label makes the URL parser read the name as an IPv4 number ("0x7f.1" -> 127.0.0.1);
  // no top-level domain is numeric, and IP addresses belong in brackets.
  if (/^(?:\d+|0x[0-9a-f]*)$/.test(labels[labels.length - 1]!)) {
    throw invalid('Domain ends in a number; write an IP address as a literal such as [192.0.2.1]');
  }
  return { domain: ascii, unicodeDomain: domainToUnicode(ascii) };
}
