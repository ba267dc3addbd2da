/** How many domains' routes are remembered; the oldest goes first past that. */
const KNOWN_ROUTES_SIZE = 1000;

/**
 * What the MX transport learnt about a domain from its last policy-checked connection (mx-connect
 * checks MTA-STS, RFC 8461 §4): the MX hosts it was allowed to use and whether the domain asks
 * for a verified certificate. A pooled session is reused for a domain only on a route learnt this
 * way, so reuse never skips a policy: a domain never connected to gets a fresh, checked connection.
 */
export interface KnownRoutes {
  learn(domain: string, exchange: string, verified: boolean): void;
  /** Whether a session to `exchange`, verified or not, may carry mail for `domain`. */
  allows(domain: string, exchange: string, sessionVerified: boolean): boolean;
}

/** A bounded {@link KnownRoutes} in memory. */
export function knownRoutes(): KnownRoutes {
  const routes = new Map<string, { verified: boolean; exchanges: Set<string> }>();
  return {
    learn(domain, exchange, verified) {
      const known = routes.get(domain);
      routes.delete(domain);
      // A changed requirement starts over: hosts learnt under the old policy are not carried over.
      const exchanges = known !== undefined && known.verified === verified ? known.exchanges : new Set<string>();
      exchanges.add(exchange);
      routes.set(domain, { verified, exchanges });
      if (routes.size > KNOWN_ROUTES_SIZE) routes.delete(routes.keys().next().value as string);
    },
    allows(domain, exchange, sessionVerified) {
      const known = routes.get(domain);
      return known !== undefined && known.exchanges.has(exchange) && (sessionVerified || !known.verified);
    },
  };
}
