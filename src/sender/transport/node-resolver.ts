import { promises as dns } from 'node:dns';
import type { MailResolver } from '../../interfaces/sender.js';

/**
 * The default {@link MailResolver}: node's own stub resolver (the system's name servers, or
 * `servers` such as `['127.0.0.1:5353']` for a test network).
 *
 * @example
 * const resolver = nodeResolver(['192.0.2.53']);
 */
export function nodeResolver(servers?: string[]): MailResolver {
  const resolver = new dns.Resolver();
  if (servers !== undefined && servers.length > 0) resolver.setServers(servers);
  return {
    resolveMx: (domain) => resolver.resolveMx(domain),
    resolve4: (hostname) => resolver.resolve4(hostname),
    resolve6: (hostname) => resolver.resolve6(hostname),
    resolveTxt: (name) => resolver.resolveTxt(name),
  };
}
