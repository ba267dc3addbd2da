import type { MailResolver } from '../../interfaces/sender.js';

/** The records of one name for {@link mapResolver}; a missing type answers "no data". */
export interface MapResolverRecords {
  mx?: Array<{ exchange: string; priority: number }>;
  a?: string[];
  aaaa?: string[];
  txt?: string[][];
  /** Every look-up of this name fails with this DNS error code (e.g. `ESERVFAIL`, `ETIMEOUT`). */
  error?: string;
}

/** An error shaped like node's DNS errors, so callers can switch on `code`. */
function dnsError(code: string, operation: string, name: string): Error {
  return Object.assign(new Error(`${operation} ${code} ${name}`), { code, hostname: name, syscall: operation });
}

/**
 * A {@link MailResolver} over a plain object, for tests and fixed routing: an unknown name answers
 * `ENOTFOUND` (NXDOMAIN), a known name without that record type `ENODATA`, as node's resolver does.
 * A null MX (RFC 7505) is written `{ exchange: '', priority: 0 }`, the way node reports `MX 0 .`.
 *
 * @example
 * const resolver = mapResolver({
 *   'example.test': { mx: [{ exchange: 'mx.example.test', priority: 10 }] },
 *   'mx.example.test': { a: ['127.0.0.1'] },
 * });
 */
export function mapResolver(records: Readonly<Record<string, MapResolverRecords>>): MailResolver {
  const lookup = async <T>(operation: string, name: string, pick: (entry: MapResolverRecords) => T[] | undefined): Promise<T[]> => {
    const entry = records[name.toLowerCase().replace(/\.$/, '')];
    if (entry === undefined) throw dnsError('ENOTFOUND', operation, name);
    if (entry.error !== undefined) throw dnsError(entry.error, operation, name);
    const answers = pick(entry);
    if (answers === undefined || answers.length === 0) throw dnsError('ENODATA', operation, name);
    return answers.map((answer) => (Array.isArray(answer) ? ([...answer] as T) : typeof answer === 'object' ? { ...answer } : answer));
  };
  return {
    resolveMx: (domain) => lookup('queryMx', domain, (entry) => entry.mx),
    resolve4: (hostname) => lookup('queryA', hostname, (entry) => entry.a),
    resolve6: (hostname) => lookup('queryAaaa', hostname, (entry) => entry.aaaa),
    resolveTxt: (name) => lookup('queryTxt', name, (entry) => entry.txt),
  };
}
