import { ErrorCodes, isPosthouseError } from '../../../errors/index.js';
import type { Logger } from '../../../interfaces/logger.js';
import { ImapError } from '../imap-error.js';
import type { TaggedResult } from '../types.js';

/** Store and directory error codes and the IMAP reply each becomes (RFC 5530 response codes). */
const REPLIES: Partial<Record<string, { status: 'NO' | 'BAD'; code?: string }>> = {
  [ErrorCodes.MAILBOX_NOT_FOUND]: { status: 'NO', code: 'NONEXISTENT' },
  [ErrorCodes.MAILBOX_EXISTS]: { status: 'NO', code: 'ALREADYEXISTS' },
  [ErrorCodes.MAILBOX_NAME_INVALID]: { status: 'NO', code: 'CANNOT' },
  [ErrorCodes.MAILBOX_PROTECTED]: { status: 'NO', code: 'CANNOT' },
  [ErrorCodes.MESSAGE_NOT_FOUND]: { status: 'NO', code: 'NONEXISTENT' },
  [ErrorCodes.QUOTA_EXCEEDED]: { status: 'NO', code: 'OVERQUOTA' },
  [ErrorCodes.FLAG_INVALID]: { status: 'BAD' },
  [ErrorCodes.ARGUMENT_INVALID]: { status: 'BAD' },
  [ErrorCodes.NOT_SUPPORTED]: { status: 'NO', code: 'CANNOT' },
};

/**
 * The tagged reply for an error a handler threw: an {@link ImapError} as it says, a store error by
 * its stable code, anything else `NO [SERVERBUG]` with the details in the log only.
 */
export function errorReply(error: unknown, logger: Logger): TaggedResult {
  if (error instanceof ImapError) return error.code === undefined ? { status: error.status, text: error.message } : { status: error.status, code: error.code, text: error.message };
  if (isPosthouseError(error)) {
    const reply = REPLIES[error.code];
    if (reply !== undefined) return { ...reply, text: error.message };
    logger.warn({ err: error, code: error.code }, 'imap: store failure');
    return { status: 'NO', code: 'UNAVAILABLE', text: 'The mail store is unavailable, try again' };
  }
  logger.error({ err: error }, 'imap: command failed unexpectedly');
  return { status: 'NO', code: 'SERVERBUG', text: 'Internal error; the details are in the server log' };
}
