import { ErrorCodes } from './codes.js';
import { isPosthouseError } from './posthouse-error.js';

/**
 * An SMTP reply carried as an error: reply code (RFC 5321 §4.2), enhanced status code
 * (RFC 3463) and text. Converted to the wire in exactly one place, the receiver.
 *
 * @example
 * throw new SmtpError(550, '5.1.1', 'Mailbox unavailable');
 */
export class SmtpError extends Error {
  /** Three-digit reply code, e.g. 550. */
  readonly responseCode: number;
  /** Enhanced status code, e.g. `5.1.1`. */
  readonly enhancedCode: string;
  /** For the log only; never sent to the client. */
  readonly logReason: string | undefined;

  constructor(responseCode: number, enhancedCode: string, text: string, options?: { logReason?: string; cause?: unknown }) {
    super(text, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SmtpError';
    this.responseCode = responseCode;
    this.enhancedCode = enhancedCode;
    this.logReason = options?.logReason;
  }

  /** Whether the failure is temporary (4xx): the client should try again later. */
  get temporary(): boolean {
    return this.responseCode >= 400 && this.responseCode < 500;
  }

  /** The reply line as sent: `550 5.1.1 Mailbox unavailable`. */
  override toString(): string {
    return `${this.responseCode} ${this.enhancedCode} ${this.message}`;
  }
}

/**
 * Turns any error into the SMTP reply it deserves. Store quota errors become 452 4.2.2;
 * every unknown error becomes 451 4.3.0 with its details left to the log.
 */
export function toSmtpError(error: unknown): SmtpError {
  if (error instanceof SmtpError) return error;
  if (isPosthouseError(error, ErrorCodes.QUOTA_EXCEEDED)) {
    return new SmtpError(452, '4.2.2', 'Mailbox full', { logReason: error.message, cause: error });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new SmtpError(451, '4.3.0', 'Temporary local problem, please try again', { logReason: reason, cause: error });
}
