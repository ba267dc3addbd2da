import { ErrorCodes, type ErrorCode } from '../../errors/codes.js';
import { isPosthouseError, PosthouseError } from '../../errors/posthouse-error.js';

/** An error of the HTTP API, carrying the HTTP status it is answered with and a stable `code`. */
export class HttpError extends PosthouseError {
  readonly status: number;

  constructor(status: number, code: ErrorCode, message: string) {
    super(code, message);
    this.name = 'HttpError';
    this.status = status;
  }
}

/** The HTTP status of every stable code the API can answer with; a code not listed is a 400. */
const STATUS_OF_CODE: Partial<Record<ErrorCode, number>> = {
  [ErrorCodes.HTTP_UNAUTHORIZED]: 401,
  [ErrorCodes.HTTP_TLS_REQUIRED]: 401,
  [ErrorCodes.HTTP_FORBIDDEN]: 403,
  [ErrorCodes.HTTP_NOT_FOUND]: 404,
  [ErrorCodes.HTTP_BODY_TOO_LARGE]: 413,
  [ErrorCodes.HTTP_INTERNAL]: 500,
  [ErrorCodes.MAILBOX_NOT_FOUND]: 404,
  [ErrorCodes.MESSAGE_NOT_FOUND]: 404,
  [ErrorCodes.DOMAIN_NOT_FOUND]: 404,
  [ErrorCodes.ACCOUNT_NOT_FOUND]: 404,
  [ErrorCodes.ALIAS_NOT_FOUND]: 404,
  [ErrorCodes.API_KEY_NOT_FOUND]: 404,
  [ErrorCodes.RULES_SCRIPT_NOT_FOUND]: 404,
  [ErrorCodes.QUEUE_MESSAGE_NOT_FOUND]: 404,
  [ErrorCodes.WEBHOOK_ROUTE_NOT_FOUND]: 404,
  [ErrorCodes.MAILBOX_EXISTS]: 409,
  [ErrorCodes.DOMAIN_EXISTS]: 409,
  [ErrorCodes.ACCOUNT_EXISTS]: 409,
  [ErrorCodes.ALIAS_EXISTS]: 409,
  [ErrorCodes.RULES_SCRIPT_EXISTS]: 409,
  [ErrorCodes.RULES_SCRIPT_ACTIVE]: 409,
  [ErrorCodes.WEBHOOK_ROUTE_EXISTS]: 409,
  [ErrorCodes.MAILBOX_PROTECTED]: 409,
  [ErrorCodes.QUOTA_EXCEEDED]: 507,
  [ErrorCodes.RULES_QUOTA_EXCEEDED]: 507,
  [ErrorCodes.QUEUE_MESSAGE_TOO_LARGE]: 413,
  [ErrorCodes.NOT_SUPPORTED]: 501,
  [ErrorCodes.CONFIG_INVALID]: 501,
  [ErrorCodes.STORE_CLOSED]: 503,
  [ErrorCodes.STORE_LOCKED]: 503,
  [ErrorCodes.STORE_IO]: 503,
};

/** The JSON body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Turns anything thrown by a route into its status and JSON body: the one place where posthouse
 * errors meet HTTP. An unknown error becomes a 500 `HTTP_INTERNAL` without its details, which go
 * to `log`.
 */
export function toErrorAnswer(error: unknown, log: (error: unknown) => void): { status: number; body: ErrorBody } {
  if (error instanceof HttpError) return { status: error.status, body: { error: { code: error.code, message: error.message } } };
  if (isPosthouseError(error)) return { status: STATUS_OF_CODE[error.code] ?? 400, body: { error: { code: error.code, message: error.message } } };
  log(error);
  return { status: 500, body: { error: { code: ErrorCodes.HTTP_INTERNAL, message: 'internal error; see the server log' } } };
}

/** A 400 `HTTP_REQUEST_INVALID` with a message that names the field. */
export function invalidRequest(message: string): HttpError {
  return new HttpError(400, ErrorCodes.HTTP_REQUEST_INVALID, message);
}

/** A 403 `HTTP_FORBIDDEN`: the credentials do not reach `what`. */
export function forbidden(what: string): HttpError {
  return new HttpError(403, ErrorCodes.HTTP_FORBIDDEN, `this key does not reach ${what}`);
}

/** A 404 `HTTP_NOT_FOUND`. */
export function notFound(message: string): HttpError {
  return new HttpError(404, ErrorCodes.HTTP_NOT_FOUND, message);
}
