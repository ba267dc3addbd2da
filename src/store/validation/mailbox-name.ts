import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';

/** The hierarchy separator of every posthouse mailbox name (RFC 9051 §5.1.1). */
export const HIERARCHY_SEPARATOR = '/';

/** The longest mailbox name accepted, in UTF-8 octets. */
export const MAX_MAILBOX_NAME_BYTES = 255;

const INBOX = 'INBOX';
const FORBIDDEN_CHARACTERS = /[\0\r\n]/;

/**
 * Checks a mailbox name and returns its canonical form: `INBOX` whatever its case, also as the
 * first segment of a child (`inbox/x` is `INBOX/x`), every other segment as given (RFC 9051 §5.1).
 *
 * @throws {StoreError} `MAILBOX_NAME_INVALID` when the name is empty, longer than 255 octets,
 * holds NUL, CR or LF, or has an empty segment (`a//b`, `/a`, `a/`).
 * @example
 * normaliseMailboxName('inbox'); // 'INBOX'
 */
export function normaliseMailboxName(name: unknown): string {
  // most calls name INBOX as written here: nothing to check or change (every delivery makes several)
  if (name === INBOX) return INBOX;
  if (typeof name !== 'string' || name.length === 0) throw invalid(name, 'is empty');
  if (Buffer.byteLength(name, 'utf8') > MAX_MAILBOX_NAME_BYTES) throw invalid(name, `is longer than ${MAX_MAILBOX_NAME_BYTES} octets`);
  if (FORBIDDEN_CHARACTERS.test(name)) throw invalid(name, 'holds NUL, CR or LF');
  const segments = name.split(HIERARCHY_SEPARATOR);
  if (segments.some((segment) => segment.length === 0)) throw invalid(name, 'has an empty hierarchy level');
  if (segments[0]!.toUpperCase() === INBOX) segments[0] = INBOX;
  return segments.join(HIERARCHY_SEPARATOR);
}

/** Whether a canonical name is INBOX itself. */
export function isInbox(name: string): boolean {
  return name === INBOX;
}

/** The canonical names of every ancestor of a canonical name, outermost first (`a/b/c` gives `a`, `a/b`). */
export function ancestorNames(name: string): string[] {
  const segments = name.split(HIERARCHY_SEPARATOR);
  return segments.slice(1).map((_, index) => segments.slice(0, index + 1).join(HIERARCHY_SEPARATOR));
}

/** Whether `name` is `parent` or lies below it in the hierarchy. */
export function isSameOrDescendant(name: string, parent: string): boolean {
  return name === parent || name.startsWith(parent + HIERARCHY_SEPARATOR);
}

function invalid(name: unknown, reason: string): StoreError {
  const shown = typeof name === 'string' ? JSON.stringify(name.slice(0, 64)) : String(typeof name);
  return new StoreError(ErrorCodes.MAILBOX_NAME_INVALID, `Mailbox name ${shown} ${reason}`);
}
