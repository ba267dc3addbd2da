import { forbidden } from '../http-error.js';
import { accountKey, domainOf, reachesAccount, reachesDomain, type Principal } from './scope.js';

/** Throws a 403 unless the caller reaches every account of `domain`. */
export function requireDomain(principal: Principal, domain: string): void {
  if (!reachesDomain(principal.scope, domain)) throw forbidden(`domain ${domain}`);
}

/** Throws a 403 unless the caller reaches `address`'s mail; resolves the store's account key. */
export function requireAccount(principal: Principal, address: string): string {
  const account = accountKey(address);
  if (!reachesAccount(principal.scope, account)) throw forbidden(`account ${account}`);
  return account;
}

/** Throws a 403 unless the caller administers `address`'s domain (an account's own key does not). */
export function requireDomainOf(principal: Principal, address: string): string {
  const account = accountKey(address);
  requireDomain(principal, domainOf(account));
  return account;
}
