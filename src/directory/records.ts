import type { AccountRecord, AliasRecord, DomainRecord } from '../interfaces/directory.js';
import type { RecordStore } from '../interfaces/store.js';
import type { PasswordHash } from './password.js';

/** The RecordStore namespaces of the directory; keys are normalised domains and addresses. */
export const Namespaces = {
  domains: 'directory.domains',
  accounts: 'directory.accounts',
  aliases: 'directory.aliases',
  credentials: 'directory.credentials',
} as const;

/** Typed access to the directory's records. */
export class DirectoryRecords {
  readonly #records: RecordStore;

  constructor(records: RecordStore) {
    this.#records = records;
  }

  domain(domain: string): Promise<DomainRecord | undefined> {
    return this.#records.get<DomainRecord>(Namespaces.domains, domain);
  }
  account(address: string): Promise<AccountRecord | undefined> {
    return this.#records.get<AccountRecord>(Namespaces.accounts, address);
  }
  alias(address: string): Promise<AliasRecord | undefined> {
    return this.#records.get<AliasRecord>(Namespaces.aliases, address);
  }
  credentials(address: string): Promise<PasswordHash | undefined> {
    return this.#records.get<PasswordHash>(Namespaces.credentials, address);
  }

  putDomain(record: DomainRecord): Promise<void> {
    return this.#records.put(Namespaces.domains, record.domain, record);
  }
  putAccount(record: AccountRecord): Promise<void> {
    return this.#records.put(Namespaces.accounts, record.address, record);
  }
  putAlias(record: AliasRecord): Promise<void> {
    return this.#records.put(Namespaces.aliases, record.alias, record);
  }
  putCredentials(address: string, hash: PasswordHash): Promise<void> {
    return this.#records.put(Namespaces.credentials, address, hash);
  }

  delete(namespace: (typeof Namespaces)[keyof typeof Namespaces], key: string): Promise<void> {
    return this.#records.delete(namespace, key);
  }

  async domains(): Promise<DomainRecord[]> {
    return (await this.#records.list<DomainRecord>(Namespaces.domains)).map((entry) => entry.value);
  }
  async accounts(domain?: string): Promise<AccountRecord[]> {
    const all = (await this.#records.list<AccountRecord>(Namespaces.accounts)).map((entry) => entry.value);
    return domain === undefined ? all : all.filter((account) => account.domain === domain);
  }
  async aliases(domain?: string): Promise<AliasRecord[]> {
    const all = (await this.#records.list<AliasRecord>(Namespaces.aliases)).map((entry) => entry.value);
    return domain === undefined ? all : all.filter((alias) => domainOf(alias.alias) === domain);
  }
}

/** The domain of a normalised address: what follows the last `@` (a quoted local part may hold one). */
export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}
