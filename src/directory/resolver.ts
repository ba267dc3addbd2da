import type { AddressOptions, ParsedAddress } from '../core/address.js';
import { parseAddress } from '../core/address.js';
import type { ResolvedTarget } from '../interfaces/directory.js';
import type { DirectoryRecords } from './records.js';

/** How deep aliases may point at aliases (and catch-alls at aliases) before the chain is cut. */
export const MAX_ALIAS_DEPTH = 8;

/** How an address matched, or why it did not. */
type Reach = 'account' | 'alias' | 'catch-all' | 'unknown-user' | 'non-local';

/** What an expansion has collected so far. */
interface Expansion {
  targets: ResolvedTarget[];
  forward: string[];
  /** Aliases and domains' catch-alls already expanded: a loop contributes nothing the second time. */
  visited: Set<string>;
}

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
  const expansion: Expansion = { targets: [], forward: [], visited: new Set() };

  const addTarget = (account: string, detail: string | null): void => {
    if (!expansion.targets.some((target) => target.account === account)) expansion.targets.push({ account, detail });
  };

  const expandAlias = async (address: string, detail: string | null, depth: number): Promise<boolean> => {
    const alias = await records.alias(address);
    if (alias === undefined) return false;
    if (expansion.visited.has(address) || depth >= MAX_ALIAS_DEPTH) return true;
    expansion.visited.add(address);
    for (const target of alias.targets) await reachTarget(target, detail, depth + 1);
    return true;
  };

  const reachTarget = async (target: string, detail: string | null, depth: number): Promise<void> => {
    let parsedTarget: ParsedAddress;
    try {
      parsedTarget = parseAddress(target, options);
    } catch {
      return; // a record written under other address options; nothing to reach
    }
    const reach = await reachOne(parsedTarget, detail, depth);
    if (reach === 'non-local' && !expansion.forward.includes(parsedTarget.address)) expansion.forward.push(parsedTarget.address);
  };

  const reachOne = async (address: ParsedAddress, inheritedDetail: string | null, depth: number): Promise<Reach> => {
    const domain = await records.domain(address.domain);
    if (domain === undefined) return 'non-local';
    if ((await records.account(address.address)) !== undefined) {
      addTarget(address.address, inheritedDetail);
      return 'account';
    }
    if (await expandAlias(address.address, inheritedDetail, depth)) return 'alias';
    if (address.detail !== null) {
      if ((await records.account(address.base)) !== undefined) {
        addTarget(address.base, address.detail);
        return 'account';
      }
      if (await expandAlias(address.base, address.detail, depth)) return 'alias';
    }
    if (domain.catchAll === null) return 'unknown-user';
    // Keyed by domain: the catch-all target may itself be an alias, which must still expand.
    const visit = `catch-all of ${domain.domain}`;
    if (!expansion.visited.has(visit) && depth < MAX_ALIAS_DEPTH) {
      expansion.visited.add(visit);
      await reachTarget(domain.catchAll, null, depth + 1);
    }
    return 'catch-all';
  };

  const reach = await reachOne(parsed, null, 0);
  return { reach, targets: expansion.targets, forward: expansion.forward };
}
