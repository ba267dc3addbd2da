import { isIP } from 'node:net';
import type { MailResolver } from '../../interfaces/sender.js';

/** One mail exchanger with its addresses, in the order they should be tried. */
export interface MailHost {
  exchange: string;
  priority: number;
  /** False for the implicit MX of RFC 5321 §5.1 (the domain's own A/AAAA). */
  isMx: boolean;
  ipv4: string[];
  ipv6: string[];
}

/** Where a domain's mail goes: hosts to try, or why there is nowhere to go. */
export type Destination =
  | { kind: 'hosts'; hosts: MailHost[] }
  | { kind: 'failed' | 'deferred'; enhancedCode: string; reply: string };

/** DNS answers that mean "no such record", as opposed to a resolver that failed to answer. */
const NO_RECORD_CODES = new Set(['ENODATA', 'ENOTFOUND']);

/** More MX hosts than this are not tried in one attempt (mx-connect stops at 20 addresses too). */
const MAX_HOSTS = 10;

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : 'EUNKNOWN';
}

/** Answers of one look-up, with "no record" read as an empty list and any other failure kept. */
async function addressesOf(lookup: Promise<string[]>): Promise<{ addresses: string[]; failure: string | null }> {
  try {
    return { addresses: await lookup, failure: null };
  } catch (error) {
    const code = errorCode(error);
    return { addresses: [], failure: NO_RECORD_CODES.has(code) ? null : code };
  }
}

/** Sorts by preference and shuffles hosts of equal preference (RFC 5321 §5.1: spread the load). */
function orderByPreference<T extends { priority: number }>(records: T[], random: () => number): T[] {
  const keyed = records.map((record) => ({ record, tieBreak: random() }));
  keyed.sort((left, right) => left.record.priority - right.record.priority || left.tieBreak - right.tieBreak);
  return keyed.map((entry) => entry.record);
}

/** The host of an address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`), or null for a domain name. */
function addressLiteral(domain: string): MailHost | null {
  const match = /^\[(?:IPv6:)?([^\]]+)\]$/i.exec(domain);
  const address = match?.[1];
  if (address === undefined || isIP(address) === 0) return null;
  const v4 = isIP(address) === 4;
  return { exchange: address, priority: 0, isMx: false, ipv4: v4 ? [address] : [], ipv6: v4 ? [] : [address] };
}

/**
 * Finds the hosts that take mail for `domain` (RFC 5321 §5.1): its MX records by preference,
 * random among equal ones, each with its A and AAAA addresses; the domain itself when it has no
 * MX; a permanent failure for a null MX (RFC 7505 §4.2, `5.1.10`) or a domain that does not
 * exist (`5.1.2`); a deferral when the resolver fails to answer (`4.4.3`).
 *
 * @example
 * const destination = await resolveDestination('example.com', nodeResolver(), Math.random);
 */
export async function resolveDestination(domain: string, resolver: MailResolver, random: () => number): Promise<Destination> {
  const literal = addressLiteral(domain);
  if (literal !== null) return { kind: 'hosts', hosts: [literal] };
  let exchanges: Array<{ exchange: string; priority: number; isMx: boolean }>;
  try {
    const records = await resolver.resolveMx(domain);
    if (records.some((record) => record.exchange === '' || record.exchange === '.')) {
      return { kind: 'failed', enhancedCode: '5.1.10', reply: `${domain} does not accept mail (null MX, RFC 7505)` };
    }
    exchanges = orderByPreference(records, random).map((record) => ({ ...record, isMx: true }));
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOTFOUND') return { kind: 'failed', enhancedCode: '5.1.2', reply: `${domain}: no such domain` };
    if (code !== 'ENODATA') return { kind: 'deferred', enhancedCode: '4.4.3', reply: `MX lookup of ${domain} failed: ${code}` };
    exchanges = [{ exchange: domain, priority: 0, isMx: false }];
  }
  const hosts: MailHost[] = [];
  const failures: string[] = [];
  for (const { exchange, priority, isMx } of exchanges.slice(0, MAX_HOSTS)) {
    const [v4, v6] = await Promise.all([addressesOf(resolver.resolve4(exchange)), addressesOf(resolver.resolve6(exchange))]);
    for (const failure of [v4.failure, v6.failure]) if (failure !== null) failures.push(`${exchange}: ${failure}`);
    if (v4.addresses.length + v6.addresses.length > 0) hosts.push({ exchange, priority, isMx, ipv4: v4.addresses, ipv6: v6.addresses });
  }
  if (hosts.length > 0) return { kind: 'hosts', hosts };
  if (failures.length > 0) return { kind: 'deferred', enhancedCode: '4.4.3', reply: `address lookup failed (${failures.join(', ')})` };
  const what = exchanges[0]?.isMx === false ? `${domain} has no MX and no address` : `no MX host of ${domain} has an address`;
  return { kind: 'failed', enhancedCode: '5.4.4', reply: `${what}: unable to route` };
}
