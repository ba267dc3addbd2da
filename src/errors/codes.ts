/**
 * Every stable error code of posthouse, in one namespace (see docs/errors.md).
 * Codes never change meaning once released; callers may switch on them.
 */
export const ErrorCodes = {
  /** The store was used after close(). */
  STORE_CLOSED: 'STORE_CLOSED',
  /** Another process holds the store (LevelDB lock). */
  STORE_LOCKED: 'STORE_LOCKED',
  /** The storage layer failed to read or write. */
  STORE_IO: 'STORE_IO',
  MAILBOX_NOT_FOUND: 'MAILBOX_NOT_FOUND',
  MAILBOX_EXISTS: 'MAILBOX_EXISTS',
  /** A mailbox name that is empty, too long, or uses reserved characters. */
  MAILBOX_NAME_INVALID: 'MAILBOX_NAME_INVALID',
  /** INBOX and other protected mailboxes cannot be deleted. */
  MAILBOX_PROTECTED: 'MAILBOX_PROTECTED',
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** A store call got an argument outside its domain (an empty account, a UID that is not a positive integer, a delivery without targets). */
  ARGUMENT_INVALID: 'ARGUMENT_INVALID',
  /** A flag that is neither a system flag of RFC 9051 §2.3.2 nor a valid keyword atom. */
  FLAG_INVALID: 'FLAG_INVALID',
  /** An adapter was asked for a feature it does not declare. */
  NOT_SUPPORTED: 'NOT_SUPPORTED',
  ADDRESS_INVALID: 'ADDRESS_INVALID',
  DOMAIN_NOT_FOUND: 'DOMAIN_NOT_FOUND',
  DOMAIN_EXISTS: 'DOMAIN_EXISTS',
  ACCOUNT_NOT_FOUND: 'ACCOUNT_NOT_FOUND',
  ACCOUNT_EXISTS: 'ACCOUNT_EXISTS',
  ALIAS_NOT_FOUND: 'ALIAS_NOT_FOUND',
  ALIAS_EXISTS: 'ALIAS_EXISTS',
  /** A control-socket request is not JSON, not `{ id, method, params }`, or has a parameter of the wrong type. */
  CONTROL_REQUEST_INVALID: 'CONTROL_REQUEST_INVALID',
  /** The control socket does not serve that method. */
  CONTROL_METHOD_UNKNOWN: 'CONTROL_METHOD_UNKNOWN',
  /** A control-socket request line outgrew its bound; the server closes the connection. */
  CONTROL_REQUEST_TOO_LARGE: 'CONTROL_REQUEST_TOO_LARGE',
  /** The control server failed in a way it did not expect; details are in its log. */
  CONTROL_INTERNAL: 'CONTROL_INTERNAL',
  /** The control connection closed, failed or timed out before the reply came (client side). */
  CONTROL_UNREACHABLE: 'CONTROL_UNREACHABLE',
  /** The rules API was used wrongly (a typed rule with an empty mailbox, a function predicate given to toSieve). */
  RULE_INVALID: 'RULE_INVALID',
  /** A configuration value is missing or out of range. */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A Sieve script that does not compile; the message carries the positioned diagnostics. */
  RULES_SCRIPT_INVALID: 'RULES_SCRIPT_INVALID',
  /** No script of that name for that account (ManageSieve `NONEXISTENT`, RFC 5804 §1.3). */
  RULES_SCRIPT_NOT_FOUND: 'RULES_SCRIPT_NOT_FOUND',
  /** A script of that name already exists (ManageSieve `ALREADYEXISTS`). */
  RULES_SCRIPT_EXISTS: 'RULES_SCRIPT_EXISTS',
  /** The active script cannot be deleted (ManageSieve `ACTIVE`). */
  RULES_SCRIPT_ACTIVE: 'RULES_SCRIPT_ACTIVE',
  /** A script name that is empty, too long or holds control characters (RFC 5804 §1.6). */
  RULES_SCRIPT_NAME_INVALID: 'RULES_SCRIPT_NAME_INVALID',
  /** A script too large, or one script too many for the account (ManageSieve `QUOTA`). */
  RULES_QUOTA_EXCEEDED: 'RULES_QUOTA_EXCEEDED',
  /** The outbound queue holds no message with that id. */
  QUEUE_MESSAGE_NOT_FOUND: 'QUEUE_MESSAGE_NOT_FOUND',
  /** A message larger than the outbound queue takes. */
  QUEUE_MESSAGE_TOO_LARGE: 'QUEUE_MESSAGE_TOO_LARGE',
  /** An HTTP API request without credentials, or with a key or password that does not verify. */
  HTTP_UNAUTHORIZED: 'HTTP_UNAUTHORIZED',
  /** Basic auth over plaintext HTTP on a server that does not allow it. */
  HTTP_TLS_REQUIRED: 'HTTP_TLS_REQUIRED',
  /** The credentials are valid but their scope does not reach the resource. */
  HTTP_FORBIDDEN: 'HTTP_FORBIDDEN',
  /** A path parameter, query parameter or JSON body that does not fit the route's schema. */
  HTTP_REQUEST_INVALID: 'HTTP_REQUEST_INVALID',
  /** A request body larger than the API takes. */
  HTTP_BODY_TOO_LARGE: 'HTTP_BODY_TOO_LARGE',
  /** No route for that method and path, or no such attachment or part. */
  HTTP_NOT_FOUND: 'HTTP_NOT_FOUND',
  /** The HTTP API failed in a way it did not expect; details are in its log. */
  HTTP_INTERNAL: 'HTTP_INTERNAL',
  /** No API key with that id. */
  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
  /** A webhook route that does not fit: bad pattern, url, secret or action (see docs/inbound-webhooks.md). */
  WEBHOOK_ROUTE_INVALID: 'WEBHOOK_ROUTE_INVALID',
  /** No webhook route with that id. */
  WEBHOOK_ROUTE_NOT_FOUND: 'WEBHOOK_ROUTE_NOT_FOUND',
  /** A webhook route with that id already exists. */
  WEBHOOK_ROUTE_EXISTS: 'WEBHOOK_ROUTE_EXISTS',
} as const;

/** One of {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];
