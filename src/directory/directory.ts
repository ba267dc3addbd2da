import { parseAddress, type AddressOptions, type ParsedAddress } from '../core/address.js';
import { normaliseDomain } from '../core/address-domain.js';
import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import type { AccountRecord, AliasRecord, Directory, DomainRecord, NewAccount, Resolution } from '../interfaces/directory.js';
import type { RecordStore, SpecialUse, Store } from '../interfaces/store.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { DirectoryRecords, Namespaces } from './records.js';
import { resolveAddress } from './resolver.js';

/** Options of {@link createDirectory}. */
export interface DirectoryOptions {
  /** Where domains, accounts, aliases and password hashes are kept. */
  records: RecordStore;
  /** When given, accounts get their mailboxes, quota and deletion in this store. */
  store?: Store;
  /** RFC 5233 sub-address separator; default `+`, null turns sub-addressing off. */
  subaddressSeparator?: string | null;
  /** Keep local-part case when comparing addresses; default false. */
  caseSensitiveLocalPart?: boolean;
  /** For test servers: every address of any domain that matches nothing reaches an account of its own name. */
  acceptAll?: boolean;
}

/** The mailboxes every new account gets (RFC 6154 special use). */
const ACCOUNT_MAILBOXES: Array<{ name: string; specialUse: SpecialUse }> = [
  { name: 'INBOX', specialUse: '\\Inbox' },
  { name: 'Sent', specialUse: '\\Sent' },
  { name: 'Drafts', specialUse: '\\Drafts' },
  { name: 'Junk', specialUse: '\\Junk' },
  { name: 'Trash', specialUse: '\\Trash' },
  { name: 'Archive', specialUse: '\\Archive' },
];
/** More targets than this is a mailing list, which is not what aliases are for. */
const MAX_ALIAS_TARGETS = 1000;

function fail(code: (typeof ErrorCodes)[keyof typeof ErrorCodes], message: string): PosthouseError {
  return new PosthouseError(code, message);
}

function checkPassword(password: unknown): string {
  if (typeof password !== 'string' || password === '') throw fail(ErrorCodes.CONFIG_INVALID, 'A password must be a non-empty string');
  return password;
}

/** The directory role over a {@link RecordStore}; see {@link createDirectory}. */
class RecordDirectory implements Directory {
  readonly #records: DirectoryRecords;
  readonly #store: Store | undefined;
  readonly #addressOptions: AddressOptions;
  readonly #acceptAll: boolean;
  /** Changes run one at a time, so two concurrent adds of one address cannot both succeed. */
  #changes: Promise<unknown> = Promise.resolve();

  constructor(options: DirectoryOptions) {
    if (options.subaddressSeparator === '') throw fail(ErrorCodes.CONFIG_INVALID, 'subaddressSeparator must not be empty (use null to turn it off)');
    this.#records = new DirectoryRecords(options.records);
    this.#store = options.store;
    this.#addressOptions = {
      caseSensitiveLocalPart: options.caseSensitiveLocalPart ?? false,
      ...(options.subaddressSeparator === undefined ? {} : { subaddressSeparator: options.subaddressSeparator }),
    };
    this.#acceptAll = options.acceptAll ?? false;
  }

  #exclusive<T>(change: () => Promise<T>): Promise<T> {
    const result = this.#changes.then(change);
    this.#changes = result.catch(() => undefined);
    return result;
  }

  #parse(address: string): ParsedAddress {
    return parseAddress(address, this.#addressOptions);
  }

  /** A domain name for a record: normalised, and a name rather than an address literal. */
  #domainName(domain: string): string {
    const { domain: name } = normaliseDomain(typeof domain === 'string' ? domain.trim() : '');
    if (name.startsWith('[')) throw fail(ErrorCodes.ADDRESS_INVALID, 'A local domain must be a name, not an address literal');
    return name;
  }

  async #requireDomain(domain: string): Promise<DomainRecord> {
    const record = await this.#records.domain(domain);
    if (record === undefined) throw fail(ErrorCodes.DOMAIN_NOT_FOUND, `Domain ${domain} is not a local domain`);
    return record;
  }

  async #requireAccount(address: string): Promise<AccountRecord> {
    const record = await this.#records.account(this.#parse(address).address);
    if (record === undefined) throw fail(ErrorCodes.ACCOUNT_NOT_FOUND, 'No such account');
    return record;
  }

  // --- domains ---

  async addDomain(domain: string, options: { catchAll?: string | null } = {}): Promise<DomainRecord> {
    const name = this.#domainName(domain);
    const catchAll = options.catchAll == null ? null : this.#parse(options.catchAll).address;
    return this.#exclusive(async () => {
      if ((await this.#records.domain(name)) !== undefined) throw fail(ErrorCodes.DOMAIN_EXISTS, `Domain ${name} already exists`);
      const record: DomainRecord = { domain: name, catchAll, createdAt: new Date().toISOString() };
      await this.#records.putDomain(record);
      return record;
    });
  }

  /** Removes the domain with its accounts (and their mail, when a store is given) and aliases. */
  async removeDomain(domain: string): Promise<void> {
    const name = this.#domainName(domain);
    return this.#exclusive(async () => {
      await this.#requireDomain(name);
      for (const alias of await this.#records.aliases(name)) await this.#records.delete(Namespaces.aliases, alias.alias);
      for (const account of await this.#records.accounts(name)) await this.#deleteAccount(account.address);
      await this.#records.delete(Namespaces.domains, name);
    });
  }

  async listDomains(): Promise<DomainRecord[]> {
    return this.#records.domains();
  }

  async setCatchAll(domain: string, target: string | null): Promise<void> {
    const name = this.#domainName(domain);
    const catchAll = target === null ? null : this.#parse(target).address;
    return this.#exclusive(async () => {
      const record = await this.#requireDomain(name);
      await this.#records.putDomain({ ...record, catchAll });
    });
  }

  async isLocalDomain(domain: string): Promise<boolean> {
    try {
      return (await this.#records.domain(this.#domainName(domain))) !== undefined;
    } catch {
      return false;
    }
  }

  // --- accounts ---

  async addAccount(address: string, options: NewAccount & { createDomain?: boolean } = {}): Promise<AccountRecord> {
    const parsed = this.#parse(address);
    const password = options.password === undefined ? undefined : await hashPassword(checkPassword(options.password));
    return this.#exclusive(async () => {
      if ((await this.#records.account(parsed.address)) !== undefined) throw fail(ErrorCodes.ACCOUNT_EXISTS, `Account ${parsed.address} already exists`);
      if ((await this.#records.alias(parsed.address)) !== undefined) throw fail(ErrorCodes.ALIAS_EXISTS, `An alias ${parsed.address} already exists`);
      if ((await this.#records.domain(parsed.domain)) === undefined) {
        if (!options.createDomain) throw fail(ErrorCodes.DOMAIN_NOT_FOUND, `Domain ${parsed.domain} is not a local domain`);
        await this.#records.putDomain({ domain: this.#domainName(parsed.domain), catchAll: null, createdAt: new Date().toISOString() });
      }
      const record: AccountRecord = { address: parsed.address, domain: parsed.domain, quota: { ...options.quota }, createdAt: new Date().toISOString() };
      if (this.#store) {
        await this.#store.ensureAccount(record.address, ACCOUNT_MAILBOXES);
        if (options.quota !== undefined) await this.#store.setQuota(record.address, record.quota);
      }
      if (password !== undefined) await this.#records.putCredentials(record.address, password);
      await this.#records.putAccount(record);
      return record;
    });
  }

  /** Removes the account, its password and, when a store is given, all its mail. */
  async removeAccount(address: string): Promise<void> {
    return this.#exclusive(async () => this.#deleteAccount((await this.#requireAccount(address)).address));
  }

  async #deleteAccount(address: string): Promise<void> {
    await this.#records.delete(Namespaces.accounts, address);
    await this.#records.delete(Namespaces.credentials, address);
    await this.#store?.deleteAccount(address);
  }

  async getAccount(address: string): Promise<AccountRecord | null> {
    return (await this.#records.account(this.#parse(address).address)) ?? null;
  }

  async listAccounts(domain?: string): Promise<AccountRecord[]> {
    return this.#records.accounts(domain === undefined ? undefined : this.#domainName(domain));
  }

  async setPassword(address: string, password: string): Promise<void> {
    const hash = await hashPassword(checkPassword(password));
    await this.#exclusive(async () => this.#records.putCredentials((await this.#requireAccount(address)).address, hash));
  }

  /** Checks a password; always spends one scrypt, whether the account exists or not. */
  async authenticate(address: string, password: string): Promise<AccountRecord | null> {
    let account: AccountRecord | undefined;
    try {
      account = await this.#records.account(this.#parse(address).address);
    } catch {
      account = undefined;
    }
    const stored = account === undefined ? undefined : await this.#records.credentials(account.address);
    const matches = await verifyPassword(typeof password === 'string' ? password : '', stored ?? decoyHash());
    return account !== undefined && stored !== undefined && matches ? account : null;
  }

  // --- aliases ---

  async addAlias(alias: string, targets: string[]): Promise<AliasRecord> {
    const parsed = this.#parse(alias);
    if (!Array.isArray(targets) || targets.length === 0) throw fail(ErrorCodes.CONFIG_INVALID, 'An alias needs at least one target');
    if (targets.length > MAX_ALIAS_TARGETS) throw fail(ErrorCodes.CONFIG_INVALID, `An alias has at most ${MAX_ALIAS_TARGETS} targets`);
    const normalised = [...new Set(targets.map((target) => this.#parse(target).address))];
    return this.#exclusive(async () => {
      await this.#requireDomain(parsed.domain);
      if ((await this.#records.alias(parsed.address)) !== undefined) throw fail(ErrorCodes.ALIAS_EXISTS, `Alias ${parsed.address} already exists`);
      if ((await this.#records.account(parsed.address)) !== undefined) throw fail(ErrorCodes.ACCOUNT_EXISTS, `An account ${parsed.address} already exists`);
      const record: AliasRecord = { alias: parsed.address, targets: normalised };
      await this.#records.putAlias(record);
      return record;
    });
  }

  async removeAlias(alias: string): Promise<void> {
    const address = this.#parse(alias).address;
    return this.#exclusive(async () => {
      if ((await this.#records.alias(address)) === undefined) throw fail(ErrorCodes.ALIAS_NOT_FOUND, `No alias ${address}`);
      await this.#records.delete(Namespaces.aliases, address);
    });
  }

  async listAliases(domain?: string): Promise<AliasRecord[]> {
    return this.#records.aliases(domain === undefined ? undefined : this.#domainName(domain));
  }

  // --- resolution ---

  async resolve(address: string): Promise<Resolution> {
    const parsed = this.#parse(address);
    const { reach, targets, forward } = await resolveAddress(this.#records, parsed, this.#addressOptions);
    if (reach !== 'unknown-user' && reach !== 'non-local' && (targets.length > 0 || forward.length > 0)) {
      return { kind: 'local', address: parsed.address, via: reach, targets, forward };
    }
    if (this.#acceptAll) {
      return { kind: 'local', address: parsed.address, via: 'accept-all', targets: [{ account: parsed.base, detail: parsed.detail }], forward: [] };
    }
    return reach === 'non-local' ? { kind: 'non-local', address: parsed.address } : { kind: 'unknown-user', address: parsed.address };
  }
}

/**
 * Creates the directory role: domains, accounts with scrypt-hashed passwords, aliases,
 * catch-alls and sub-addressing (RFC 5233), kept in a {@link RecordStore} under the
 * `directory.*` namespaces.
 *
 * @example
 * const directory = createDirectory({ records: store.records, store });
 * await directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
 * await directory.resolve('Alice+news@example.com');
 * // { kind: 'local', via: 'account', targets: [{ account: 'alice@example.com', detail: 'news' }], ... }
 */
export function createDirectory(options: DirectoryOptions): Directory {
  return new RecordDirectory(options);
}
