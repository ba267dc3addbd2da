import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { FlagOperation, SystemFlag } from '../../interfaces/store.js';

const SYSTEM_FLAGS: readonly SystemFlag[] = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'];
const SYSTEM_FLAG_BY_UPPER = new Map<string, SystemFlag>(SYSTEM_FLAGS.map((flag) => [flag.toUpperCase(), flag]));

/** The longest keyword accepted, in characters; IMAP sets no limit, memory does. */
export const MAX_KEYWORD_LENGTH = 128;

/** The most flags one message may carry, so a client cannot grow a record without bound. */
export const MAX_FLAGS_PER_MESSAGE = 128;

// atom-char of RFC 9051 §9: any CHAR except atom-specials ( ) { SP CTL % * " \ ]
const KEYWORD = /^[\x21\x23\x24\x26-\x27\x2B-\x5B\x5E-\x7A\x7C-\x7E]+$/;

/**
 * Checks flags and returns them canonical: system flags in their RFC 9051 §2.3.2 spelling
 * (`\seen` is `\Seen`), keywords as given, duplicates (compared case-insensitively) dropped,
 * first occurrence kept.
 *
 * @throws {StoreError} `FLAG_INVALID` for an unknown `\`-flag (including `\Recent`, which only the
 * server sets) or a keyword that is not an IMAP atom.
 * @example
 * normaliseFlags(['\\seen', '$Label1', '$label1']); // ['\\Seen', '$Label1']
 */
export function normaliseFlags(flags: unknown): string[] {
  if (!Array.isArray(flags)) throw new StoreError(ErrorCodes.FLAG_INVALID, 'Flags must be an array of strings');
  const seen = new Set<string>();
  const result: string[] = [];
  for (const flag of flags) {
    const canonical = canonicalFlag(flag);
    const upper = canonical.toUpperCase();
    if (seen.has(upper)) continue;
    seen.add(upper);
    result.push(canonical);
  }
  if (result.length > MAX_FLAGS_PER_MESSAGE) {
    throw new StoreError(ErrorCodes.FLAG_INVALID, `A message carries at most ${MAX_FLAGS_PER_MESSAGE} flags`);
  }
  return result;
}

/**
 * Combines normalised flags with a message's current ones, as IMAP STORE FLAGS, +FLAGS and
 * -FLAGS do (RFC 9051 §6.4.6). Existing flags keep their order; added ones go last.
 */
export function applyFlagOperation(current: readonly string[], operation: FlagOperation, flags: readonly string[]): string[] {
  if (operation === 'set') return [...flags];
  const given = new Set(flags.map((flag) => flag.toUpperCase()));
  if (operation === 'remove') return current.filter((flag) => !given.has(flag.toUpperCase()));
  const present = new Set(current.map((flag) => flag.toUpperCase()));
  const added = flags.filter((flag) => !present.has(flag.toUpperCase()));
  const result = [...current, ...added];
  if (result.length > MAX_FLAGS_PER_MESSAGE) {
    throw new StoreError(ErrorCodes.FLAG_INVALID, `A message carries at most ${MAX_FLAGS_PER_MESSAGE} flags`);
  }
  return result;
}

/** Whether two normalised flag lists hold the same flags, in whatever order. */
export function sameFlags(left: readonly string[], right: readonly string[]): boolean {
  if (left.length !== right.length) return false;
  const upper = new Set(left.map((flag) => flag.toUpperCase()));
  return right.every((flag) => upper.has(flag.toUpperCase()));
}

/** Whether a canonical flag list holds `flag` (a system flag in canonical spelling). */
export function hasFlag(flags: readonly string[], flag: SystemFlag): boolean {
  return flags.includes(flag);
}

function canonicalFlag(flag: unknown): string {
  if (typeof flag !== 'string') throw new StoreError(ErrorCodes.FLAG_INVALID, 'A flag must be a string');
  if (flag.startsWith('\\')) {
    const system = SYSTEM_FLAG_BY_UPPER.get(flag.toUpperCase());
    if (system === undefined) throw new StoreError(ErrorCodes.FLAG_INVALID, `Unknown system flag ${JSON.stringify(flag.slice(0, 32))}`);
    return system;
  }
  if (flag.length > MAX_KEYWORD_LENGTH || !KEYWORD.test(flag)) {
    throw new StoreError(ErrorCodes.FLAG_INVALID, `Keyword ${JSON.stringify(flag.slice(0, 32))} is not an IMAP atom of at most ${MAX_KEYWORD_LENGTH} characters`);
  }
  return flag;
}
