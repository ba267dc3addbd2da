import type { Quota } from './store.js';

/** A domain the server receives mail for. */
export interface DomainRecord {
  /** Normalised: lower case, A-label form. */
  domain: string;
  /** Where mail to unknown local parts goes (an address), or null to reject them. */
  catchAll: string | null;
  createdAt: string;
}

/** A mailbox owner. The password is kept only as an scrypt hash. */
export interface AccountRecord {
  /** Normalised address; also the store's account key. */
  address: string;
  domain: string;
  quota: Quota;
  createdAt: string;
}

/** One address that fans out to others (RFC 5321 §3.9.1 aliases). */
export interface AliasRecord {
  alias: string;
  targets: string[];
}

/** One account a recipient address reaches. */
export interface ResolvedTarget {
  account: string;
  /** The sub-address detail (`tag` of `user+tag@`), or null. */
  detail: string | null;
}

/**
 * What the directory knows of an address:
 * - `local`: it reaches one or more accounts (directly, through aliases, or a catch-all);
 * - `unknown-user`: the domain is local but nothing matches (SMTP 550 5.1.1);
 * - `non-local`: the domain is not ours (relay decision is the receiver's).
 */
export type Resolution =
  | {
      kind: 'local';
      address: string;
      via: 'account' | 'alias' | 'catch-all' | 'accept-all';
      targets: ResolvedTarget[];
      /**
       * Non-local addresses an alias or catch-all forwards to (RFC 5321 §3.9.1), normalised, for the
       * sender to relay. `targets` may be empty when everything is forwarded.
       */
      forward?: string[];
    }
  | { kind: 'unknown-user'; address: string }
  | { kind: 'non-local'; address: string };

/** Options of a new account. */
export interface NewAccount {
  password?: string;
  quota?: Quota;
}

/**
 * Domains, accounts, aliases and catch-alls (the directory role). Addresses are normalised on the
 * way in; sub-addresses (`user+tag@`, RFC 5233) resolve to their account.
 */
export interface Directory {
  addDomain(domain: string, options?: { catchAll?: string | null }): Promise<DomainRecord>;
  removeDomain(domain: string): Promise<void>;
  listDomains(): Promise<DomainRecord[]>;
  setCatchAll(domain: string, target: string | null): Promise<void>;
  isLocalDomain(domain: string): Promise<boolean>;

  /** Adds an account; its domain must exist unless `createDomain` is set. */
  addAccount(address: string, options?: NewAccount & { createDomain?: boolean }): Promise<AccountRecord>;
  removeAccount(address: string): Promise<void>;
  getAccount(address: string): Promise<AccountRecord | null>;
  listAccounts(domain?: string): Promise<AccountRecord[]>;
  setPassword(address: string, password: string): Promise<void>;
  /** The account when the password matches (constant-time compare), else null. */
  authenticate(address: string, password: string): Promise<AccountRecord | null>;

  addAlias(alias: string, targets: string[]): Promise<AliasRecord>;
  removeAlias(alias: string): Promise<void>;
  listAliases(domain?: string): Promise<AliasRecord[]>;

  /** Resolves a recipient address to the accounts it reaches. */
  resolve(address: string): Promise<Resolution>;
}
