import type { ExtensionSpec } from '../spec.js';

/**
 * Extensions that add only tags or compile-time behaviour, whose semantics live where they act:
 * relational (RFC 5231, `:count`/`:value` in engine/matching.ts), subaddress (RFC 5233,
 * `:user`/`:detail` in engine/address-parts.ts), copy (RFC 3894, in the result builder), index
 * (RFC 5260 §6, `:index`/`:last`), regex (draft-ietf-sieve-regex, engine/regex-guard.ts),
 * encoded-character (RFC 5228 §2.4.2.4, in the compiler), vacation-seconds (RFC 6131) and the
 * `i;ascii-numeric` comparator (RFC 4790 §9.1).
 */
export const tagOnlyExtension: ExtensionSpec = {
  capabilities: ['relational', 'subaddress', 'copy', 'index', 'regex', 'encoded-character', 'vacation-seconds', 'comparator-i;ascii-numeric', 'comparator-i;octet', 'comparator-i;ascii-casemap'],
  commands: [],
  tests: [],
};
