/**
 * RFC 2449 §8 extended response codes that posthouse sends, plus RFC 3206's `SYS/TEMP` and
 * `AUTH` (RFC 3206 §4, §5) and `IN-USE` (RFC 2449 §8.1.2).
 */
export type Pop3ResponseCode = 'IN-USE' | 'LOGIN-DELAY' | 'SYS/TEMP' | 'SYS/PERM' | 'AUTH';

/**
 * A POP3 negative reply carried as an error: an optional response code and the text, sent as
 * `-ERR [CODE] text` by the session, the one place that writes replies. `logReason` is for the
 * log only.
 *
 * @example
 * throw new Pop3Error('Mailbox is locked by another POP3 session.', { code: 'IN-USE' });
 */
export class Pop3Error extends Error {
  readonly code: Pop3ResponseCode | null;
  readonly logReason: string | undefined;

  constructor(text: string, options: { code?: Pop3ResponseCode; logReason?: string; cause?: unknown } = {}) {
    super(text, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'Pop3Error';
    this.code = options.code ?? null;
    this.logReason = options.logReason;
  }

  /** The reply line without CRLF: `-ERR [IN-USE] Mailbox is locked by another POP3 session.` */
  override toString(): string {
    return this.code === null ? `-ERR ${this.message}` : `-ERR [${this.code}] ${this.message}`;
  }
}

/**
 * Turns any error into the reply it deserves: a {@link Pop3Error} as it is, anything else a
 * temporary failure (RFC 3206 §4 `SYS/TEMP`) whose details go to the log only.
 */
export function toPop3Error(error: unknown): Pop3Error {
  if (error instanceof Pop3Error) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new Pop3Error('Temporary server failure, try again later.', { code: 'SYS/TEMP', logReason: reason, cause: error });
}
