import type { MailResolver } from '../../interfaces/sender.js';

type Callback = (error: Error | null, answers?: unknown) => void;

/**
 * The injected resolver in the callback shape of `dns.resolve`, which mx-connect hands to
 * mailauth for the MTA-STS TXT and address look-ups (RFC 8461 §3.1), so those go through the
 * same resolver as the MX look-up.
 */
export function callbackResolve(resolver: MailResolver): (name: string, typeOrCallback: unknown, callback?: unknown) => void {
  return (name, typeOrCallback, maybeCallback) => {
    const type = typeof typeOrCallback === 'string' ? typeOrCallback.toUpperCase() : 'A';
    const callback = (typeof typeOrCallback === 'function' ? typeOrCallback : maybeCallback) as Callback;
    const lookup: Promise<unknown> =
      type === 'MX' ? resolver.resolveMx(name)
      : type === 'AAAA' ? resolver.resolve6(name)
      : type === 'TXT' ? resolver.resolveTxt(name)
      : type === 'A' ? resolver.resolve4(name)
      : Promise.reject(Object.assign(new Error(`record type ${type} not served`), { code: 'ENOTIMP' }));
    lookup.then((answers) => callback(null, answers), (error: Error) => callback(error));
  };
}

/** How many domains' MTA-STS policies are kept; the oldest goes first past that. */
const POLICY_CACHE_SIZE = 1000;

/**
 * An in-memory MTA-STS policy cache for mx-connect (RFC 8461 §5: policies are cached for their
 * max_age; mailauth decides freshness, this only keeps them), bounded in size.
 */
export function policyCache(): { get(domain: string): Promise<unknown>; set(domain: string, policy: unknown): Promise<boolean> } {
  const policies = new Map<string, unknown>();
  return {
    get: async (domain) => policies.get(domain) ?? false,
    set: async (domain, policy) => {
      policies.delete(domain);
      policies.set(domain, policy);
      if (policies.size > POLICY_CACHE_SIZE) policies.delete(policies.keys().next().value as string);
      return true;
    },
  };
}
