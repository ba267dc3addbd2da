import type { ResponseCode } from './types.js';

/**
 * A command failure with its IMAP reply: `NO` (refused) or `BAD` (malformed), an optional response
 * code (RFC 9051 §7.1) and text safe to show the client. The session turns it into the tagged
 * reply in one place; handlers may throw it from anywhere.
 *
 * @example
 * throw new ImapError('NO', 'No such mailbox', 'NONEXISTENT');
 */
export class ImapError extends Error {
  readonly status: 'NO' | 'BAD';
  readonly code: ResponseCode | undefined;

  constructor(status: 'NO' | 'BAD', text: string, code?: ResponseCode) {
    super(text);
    this.name = 'ImapError';
    this.status = status;
    this.code = code;
  }
}

/** A malformed argument: `BAD` with the text given. */
export function badArguments(text: string): ImapError {
  return new ImapError('BAD', text);
}
