import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { FlagOperation, FlagUpdate, MessageQuery, Quota, SpecialUse, UidRange } from '../../interfaces/store.js';
import { normaliseFlags } from './flags.js';

/** The longest account name accepted, in UTF-8 octets (a full address fits in 320). */
export const MAX_ACCOUNT_BYTES = 320;

/** The largest UID and MODSEQ posthouse hands out: UIDs are 32-bit (RFC 9051 §2.3.1.1). */
export const MAX_UID = 0xffff_ffff;

/** The most UID ranges one query may carry. */
export const MAX_UID_RANGES = 10_000;

/** Checks an account name: a non-empty string of at most 320 octets without NUL, CR or LF. */
export function checkAccount(account: unknown): string {
  if (typeof account !== 'string' || account.length === 0) throw invalid('The account must be a non-empty string');
  if (Buffer.byteLength(account, 'utf8') > MAX_ACCOUNT_BYTES || /[\0\r\n]/.test(account)) {
    throw invalid(`Account ${JSON.stringify(account.slice(0, 64))} is too long or holds NUL, CR or LF`);
  }
  return account;
}

/** Checks a UID: an integer from 1 to 2^32-1. */
export function checkUid(uid: unknown): number {
  if (!Number.isInteger(uid) || (uid as number) < 1 || (uid as number) > MAX_UID) throw invalid(`UID ${String(uid)} is not an integer from 1 to ${MAX_UID}`);
  return uid as number;
}

/**
 * Checks a message query and returns a copy with ranges ordered low to high (IMAP's `5:3` is
 * `3:5`, RFC 9051 §9 seq-range).
 */
export function normaliseQuery(query: MessageQuery | undefined): MessageQuery {
  if (query === undefined || query === null) return {};
  if (typeof query !== 'object') throw invalid('A message query must be an object');
  const result: MessageQuery = {};
  if (query.uids !== undefined) {
    if (!Array.isArray(query.uids) || query.uids.length > MAX_UID_RANGES) throw invalid(`UID ranges must be an array of at most ${MAX_UID_RANGES}`);
    result.uids = query.uids.map(normaliseRange);
  }
  if (query.changedSince !== undefined) result.changedSince = checkCount(query.changedSince, 'changedSince');
  if (query.limit !== undefined) result.limit = checkCount(query.limit, 'limit');
  if (query.order !== undefined) {
    if (query.order !== 'asc' && query.order !== 'desc') throw invalid(`order must be 'asc' or 'desc'`);
    result.order = query.order;
  }
  return result;
}

/** Checks a flag update and normalises its flags. */
export function normaliseFlagUpdate(update: FlagUpdate): FlagUpdate {
  const operations: readonly FlagOperation[] = ['set', 'add', 'remove'];
  if (typeof update !== 'object' || update === null || !operations.includes(update.operation)) {
    throw invalid('A flag update needs an operation of set, add or remove');
  }
  const result: FlagUpdate = { operation: update.operation, flags: normaliseFlags(update.flags) };
  if (update.unchangedSince !== undefined) result.unchangedSince = checkCount(update.unchangedSince, 'unchangedSince');
  return result;
}

/** Checks a quota: each limit absent or a non-negative integer. */
export function normaliseQuota(quota: Quota): Quota {
  if (typeof quota !== 'object' || quota === null) throw invalid('A quota must be an object');
  const result: Quota = {};
  if (quota.maxBytes !== undefined) result.maxBytes = checkCount(quota.maxBytes, 'maxBytes');
  if (quota.maxMessages !== undefined) result.maxMessages = checkCount(quota.maxMessages, 'maxMessages');
  return result;
}

/** Checks a record namespace or key: a non-empty string without NUL (the key layout uses it). */
export function checkRecordName(value: unknown, what: 'namespace' | 'key'): string {
  if (typeof value !== 'string' || value.length === 0 || value.includes('\0') || value.length > 1024) {
    throw invalid(`A record ${what} must be a non-empty string of at most 1024 characters without NUL`);
  }
  return value;
}

const SPECIAL_USES: readonly SpecialUse[] = ['\\Inbox', '\\Sent', '\\Drafts', '\\Junk', '\\Trash', '\\Archive'];

/** Checks a special-use attribute (RFC 6154 §2, plus `\Inbox`). */
export function checkSpecialUse(value: unknown): SpecialUse {
  if (!SPECIAL_USES.includes(value as SpecialUse)) throw invalid(`Unknown special use ${JSON.stringify(String(value).slice(0, 32))}`);
  return value as SpecialUse;
}

/** Checks a boolean argument. */
export function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw invalid(`${what} must be true or false`);
  return value;
}

/** The one error for arguments outside their domain. */
export function invalid(message: string): StoreError {
  return new StoreError(ErrorCodes.ARGUMENT_INVALID, message);
}

function normaliseRange(range: UidRange): UidRange {
  if (typeof range !== 'object' || range === null) throw invalid('A UID range must be an object');
  const start = checkUid(range.start);
  const end = range.end === Infinity ? Infinity : checkUid(range.end);
  return start <= end ? { start, end } : { start: end, end: start };
}

function checkCount(value: unknown, what: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw invalid(`${what} must be a non-negative integer`);
  return value as number;
}
