import type { ErrorCode } from './codes.js';

/**
 * The base of every error posthouse throws on purpose. `code` is stable (see {@link ErrorCodes});
 * `message` is safe to show to a client; `logReason` is for the log only.
 */
export class PosthouseError extends Error {
  readonly code: ErrorCode;
  readonly logReason: string | undefined;

  constructor(code: ErrorCode, message: string, options?: { logReason?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PosthouseError';
    this.code = code;
    this.logReason = options?.logReason;
  }
}

/** Whether `error` is a {@link PosthouseError}, optionally with the given code. */
export function isPosthouseError(error: unknown, code?: ErrorCode): error is PosthouseError {
  return error instanceof PosthouseError && (code === undefined || error.code === code);
}
