import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { WebhookMatch, WebhookRoute } from './types.js';

/** A route's match, compiled once: its domain and, for a pattern, the local-part test. */
export interface CompiledMatch {
  domain: string;
  /** Null for a domain's catch-all. */
  localPart: RegExp | null;
}

const PATTERN_LOCAL = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]{1,64}$/;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.WEBHOOK_ROUTE_INVALID, message);
}

/** A lower-case domain name, or WEBHOOK_ROUTE_INVALID. */
export function routeDomain(text: string): string {
  const domain = text.trim().toLowerCase();
  if (!DOMAIN.test(domain)) throw invalid(`'${text.slice(0, 100)}' is not a domain name`);
  return domain;
}

/**
 * Compiles a match. Patterns are globs, not regular expressions, on purpose: routes come from
 * tenants over the API, and a glob compiles to an expression without nested quantifiers, so no
 * pattern can make matching a 64-octet local part slow.
 */
export function compileMatch(match: WebhookMatch): CompiledMatch {
  if ('domain' in match) return { domain: routeDomain(match.domain), localPart: null };
  const at = match.pattern.lastIndexOf('@');
  const local = match.pattern.slice(0, at);
  if (at < 1 || !PATTERN_LOCAL.test(local.replace(/\?/g, 'x'))) {
    throw invalid(`pattern '${match.pattern.slice(0, 100)}' must be LOCAL@DOMAIN, with * and ? only in LOCAL`);
  }
  const body = local.replace(/[.*+?^${}()|[\]\\/-]/g, (character) => (character === '*' ? '.*' : character === '?' ? '.' : `\\${character}`));
  return { domain: routeDomain(match.pattern.slice(at + 1)), localPart: new RegExp(`^${body}$`, 'i') };
}

/** Whether `address` (a normalised address) is taken by the compiled match. */
export function matchesAddress(match: CompiledMatch, address: string): boolean {
  const at = address.lastIndexOf('@');
  if (address.slice(at + 1).toLowerCase() !== match.domain) return false;
  return match.localPart === null || match.localPart.test(address.slice(0, at));
}

/** Route order: priority (lower first), then patterns before catch-alls, then id. */
export function compareRoutes(left: WebhookRoute, right: WebhookRoute): number {
  if (left.priority !== right.priority) return left.priority - right.priority;
  const leftCatchAll = 'domain' in left.match ? 1 : 0;
  const rightCatchAll = 'domain' in right.match ? 1 : 0;
  if (leftCatchAll !== rightCatchAll) return leftCatchAll - rightCatchAll;
  return left.id < right.id ? -1 : left.id > right.id ? 1 : 0;
}
