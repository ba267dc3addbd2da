import type { AddressOptions, ParsedAddress } from '../core/address.js';
import { parseAddress } from '../core/address.js';
import type { ResolvedTarget } from '../interfaces/directory.js';
import type { DirectoryRecords } from './records.js';

/** How deep aliases may point at aliases (and catch-alls at aliases) before the chain is cut. */
export const MAX_ALIAS_DEPTH = 8;

/** How an address matched, or why it did not. */
type Reach = 'account' | 'alias' | 'catch-all' | 'unknown-user' | 'non-local';

/** The outcome of {@link resolveAddress} before the directory adds accept-all. */
export interface Expanded {
  reach: Reach;
  targets: ResolvedTarget[];
  forward: string[];
}

/**
 * Resolves one address against the directory's records, in this order: an account of that exact
 * address; an alias of it; the base address of a sub-address (RFC 5233), account then alias, with
 * the detail; the domain's catch-all; else unknown-user (local domain) or non-local.
 *
 * Alias targets are resolved the same way, recursively, to at most {@link MAX_ALIAS_DEPTH} levels;
 * an alias met twice is expanded once (loops end); a target in a domain that is not ours goes to
 * `forward`; a local target that reaches nothing is skipped. An alias reached as `alias+tag@` hands
 * `tag` to targets that carry no detail of their own. Targets are listed once per account.
 */
export async function resolveAddress(records: DirectoryRecords, parsed: ParsedAddress, options: AddressOptions): Promise<Expanded> {
  const expansion = new Expansion(records, options);
  const reach = await expansion.reachOne(parsed, null, 0);
  return { reach, targets: expansion.targets, forward: expansion.forward };
}

/**
 * One {@link resolveAddress} call's state. A class rather than closures over a literal: this runs
 * for every recipient, and four closures a call were four allocations (and, under tsx, four
 * `__name` calls) for what methods give for nothing.
 */
class Expansion {
  readonly targets: ResolvedTarget[] = [];
  readonly forward: string[] = [];
  /** Aliases and domains' catch-alls already expanded: a loop contributes nothing the second time. Made on first use. */
  #visited: Set<string> | null = null;
  readonly #records: DirectoryRecords;
  readonly #options: AddressOptions;

  constructor(records: DirectoryRecords, options: AddressOptions) {
    this.#records = records;
    this.#options = options;
  }

  async reachOne(address: ParsedAddress, inheritedDetail: string | null, depth: number): Promise<Reach> {
    const domain = await this.#records.domain(address.domain);
    if (domain === undefined) return 'non-local';
    if ((await this.#records.account(address.address)) !== undefined) {
      this.#addTarget(address.address, inheritedDetail);
      return 'account';
    }
    if (await this.#expandAlias(address.address, inheritedDetail, depth)) return 'alias';
    if (address.detail !== null) {
      if ((await this.#records.account(address.base)) !== undefined) {
        this.#addTarget(address.base, address.detail);
        return 'account';
      }
      if (await this.#expandAlias(address.base, address.detail, depth)) return 'alias';
    }
    if (domain.catchAll === null) return 'unknown-user';
    // Keyed by domain: the catch-all target may itself be an alias, which must still expand.
    if (this.#firstVisit(`catch-all of ${domain.domain}`, depth)) await this.#reachTarget(domain.catchAll, null, depth + 1);
    return 'catch-all';
  }

  #addTarget(account: string, detail: string | null): void {
    if (!this.targets.some((target) => target.account === account)) this.targets.push({ account, detail });
  }

  /** Whether `key` may be expanded now: not met before, and not too deep. Marks it met. */
  #firstVisit(key: string, depth: number): boolean {
    this.#visited ??= new Set();
    if (this.#visited.has(key) || depth >= MAX_ALIAS_DEPTH) return false;
    this.#visited.add(key);
    return true;
  }

  async #expandAlias(address: string, detail: string | null, depth: number): Promise<boolean> {
    const alias = await this.#records.alias(address);
    if (alias === undefined) return false;
    if (!this.#firstVisit(address, depth)) return true;
    for (const target of alias.targets) await this.#reachTarget(target, detail, depth + 1);
    return true;
  }

  async #reachTarget(target: string, detail: string | null, depth: number): Promise<void> {
    let parsedTarget: ParsedAddress;
    try {
      parsedTarget = parseAddress(target, this.#options);
    } catch {
      return; // a record written under other address options; nothing to reach
    }
    const reach = await this.reachOne(parsedTarget, detail, depth);
    if (reach === 'non-local' && !this.forward.includes(parsedTarget.address)) this.forward.push(parsedTarget.address);
  }
}
