import { normalizeAddress } from '../../../core/address.js';
import { invalidRequest } from '../http-error.js';

/**
 * What a credential reaches: the whole server, one domain (a tenant: its accounts and their mail)
 * or one account.
 */
export type Scope = { kind: 'server' } | { kind: 'domain'; domain: string } | { kind: 'account'; account: string };

/** Who made a request: the scope, and how it was proven. */
export interface Principal {
  scope: Scope;
  /** `key` (an API key), `password` (an account's own, by Basic auth) or `open` (a server without auth, for test suites). */
  via: 'key' | 'password' | 'open';
  /** The API key id, when `via` is `key`. */
  keyId?: string;
}

/** The domain of an address, lower case (the directory normalises domains the same way). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** An account address as the store keys it; a 400 when it is not an address. */
export function accountKey(address: string): string {
  try {
    return normalizeAddress(address);
  } catch (error) {
    throw invalidRequest(`'${address.slice(0, 100)}' is not an account address: ${(error as Error).message}`);
  }
}

/** Whether `scope` reaches every account of `domain`. */
export function reachesDomain(scope: Scope, domain: string): boolean {
  if (scope.kind === 'server') return true;
  return scope.kind === 'domain' && scope.domain === domain.toLowerCase();
}

/** Whether `scope` reaches the mail of `account` (a normalised address). */
export function reachesAccount(scope: Scope, account: string): boolean {
  if (scope.kind === 'account') return scope.account === account;
  return reachesDomain(scope, domainOf(account));
}

/** The text form of a scope: `server`, `domain:example.com`, `account:alice@example.com`. */
export function formatScope(scope: Scope): string {
  return scope.kind === 'server' ? 'server' : scope.kind === 'domain' ? `domain:${scope.domain}` : `account:${scope.account}`;
}

/** Reads the text form of a scope (see {@link formatScope}); a 400 when it is none. */
export function parseScope(text: string): Scope {
  if (text === 'server') return { kind: 'server' };
  if (text.startsWith('domain:') && text.length > 7 && !text.includes('@')) return { kind: 'domain', domain: text.slice(7).toLowerCase() };
  if (text.startsWith('account:')) return { kind: 'account', account: accountKey(text.slice(8)) };
  throw invalidRequest(`scope must be server, domain:DOMAIN or account:ADDRESS, got '${text.slice(0, 100)}'`);
}
