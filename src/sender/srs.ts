import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';

/** The base32 alphabet of the SRS timestamp (two characters: days modulo 1024). */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a rewritten address stays valid by default: bounces come within days, not months. */
export const SRS_MAX_AGE_DAYS = 21;
/** Characters of the HMAC kept in the address (libsrs2's default). */
const HASH_LENGTH = 4;

function timestampOf(now: Date): string {
  const days = Math.floor(now.getTime() / DAY_MS) % 1024;
  return BASE32[days >> 5]! + BASE32[days & 31]!;
}

/** The HMAC-SHA1 of the parts, base64, truncated; over lower case so a mailer's case folding does not break it. */
function hashOf(secret: string, parts: string[]): string {
  return createHmac('sha1', secret).update(parts.join('').toLowerCase()).digest('base64').slice(0, HASH_LENGTH);
}

function hashMatches(secret: string, parts: string[], hash: string): boolean {
  const expected = Buffer.from(hashOf(secret, parts).toLowerCase());
  const given = Buffer.from(hash.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function splitAddress(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new PosthouseError(ErrorCodes.ADDRESS_INVALID, `not an address: ${JSON.stringify(address)}`);
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/**
 * Rewrites a reverse-path for forwarding, so SPF checks the forwarder and bounces come back to it
 * (the Sender Rewriting Scheme of Shevek, 2004): `user@example.com` becomes
 * `SRS0=HHHH=TT=example.com=user@forwarder`, where TT is the day and HHHH an HMAC over it. An
 * address that is already SRS0 becomes SRS1 (pointing at the first forwarder), never nested.
 * The null reverse-path stays null.
 *
 * @example
 * srsForward('alice@example.com', 'forwarder.example', secret, new Date());
 * // 'SRS0=k3Yw=ZQ=example.com=alice@forwarder.example'
 */
export function srsForward(address: string, forwardingDomain: string, secret: string, now: Date): string {
  if (address === '') return '';
  const { local, domain } = splitAddress(address);
  if (domain.toLowerCase() === forwardingDomain.toLowerCase() && /^SRS[01][=+-]/i.test(local)) return address;
  const srs0 = /^SRS0[=+-](.+)$/i.exec(local);
  if (srs0) {
    // SRS1=HHHH=firstforwarder==<SRS0 remainder>: the hash covers the first forwarder and the remainder.
    const remainder = srs0[1]!;
    return `SRS1=${hashOf(secret, [domain, remainder])}=${domain}==${remainder}@${forwardingDomain}`;
  }
  const srs1 = /^SRS1[=+-]([^=]+)=([^=]+)==(.+)$/i.exec(local);
  if (srs1) {
    const [, , firstForwarder, remainder] = srs1 as unknown as [string, string, string, string];
    return `SRS1=${hashOf(secret, [firstForwarder, remainder])}=${firstForwarder}==${remainder}@${forwardingDomain}`;
  }
  const timestamp = timestampOf(now);
  return `SRS0=${hashOf(secret, [timestamp, domain, local])}=${timestamp}=${domain}=${local}@${forwardingDomain}`;
}

/**
 * Undoes {@link srsForward} for a bounce that came back: the original address for SRS0, the SRS0
 * address at the first forwarder for SRS1. Null when the address is not SRS, the hash does not
 * verify (forged bounces), or the SRS0 timestamp is older than `maxAgeDays` or in the future.
 *
 * @example
 * srsReverse('SRS0=k3Yw=ZQ=example.com=alice@forwarder.example', secret, new Date()); // 'alice@example.com'
 */
export function srsReverse(address: string, secret: string, now: Date, maxAgeDays = SRS_MAX_AGE_DAYS): string | null {
  const at = address.lastIndexOf('@');
  if (at <= 0) return null;
  const local = address.slice(0, at);
  const srs1 = /^SRS1[=+-]([^=]+)=([^=]+)==(.+)$/i.exec(local);
  if (srs1) {
    const [, hash, firstForwarder, remainder] = srs1 as unknown as [string, string, string, string];
    return hashMatches(secret, [firstForwarder, remainder], hash) ? `SRS0=${remainder}@${firstForwarder}` : null;
  }
  const srs0 = /^SRS0[=+-]([^=]+)=([A-Z2-7]{2})=([^=]+)=(.+)$/i.exec(local);
  if (!srs0) return null;
  const [, hash, timestamp, domain, originalLocal] = srs0 as unknown as [string, string, string, string, string];
  if (!hashMatches(secret, [timestamp, domain, originalLocal], hash)) return null;
  const stamped = BASE32.indexOf(timestamp[0]!.toUpperCase()) * 32 + BASE32.indexOf(timestamp[1]!.toUpperCase());
  const today = Math.floor(now.getTime() / DAY_MS) % 1024;
  const age = (today - stamped + 1024) % 1024;
  // Ages wrap every 1024 days; a stamp "from the future" shows up as an age near 1024.
  if (age > maxAgeDays) return null;
  return `${originalLocal}@${domain}`;
}
