/**
 * What one IMAP connection may make the server hold or wait for. Every bound is enforced while
 * reading, before the bytes are kept, so memory per connection stays bounded whatever a client
 * sends (RFC 9051 §2.2.2 lets a server refuse a literal before the client sends it; RFC 7889
 * gives `[TOOBIG]`).
 */
export interface ImapLimits {
  /** Longest command line (one line between literals), in octets. */
  maxLineLength: number;
  /** Largest literal of APPEND (the message), in octets. */
  maxMessageSize: number;
  /** Largest literal of any other command, in octets. */
  maxLiteralSize: number;
  /** Total octets of one command, literals included (multi-append). */
  maxCommandSize: number;
  /** Deepest parenthesised list. */
  maxNesting: number;
  /** Most tokens one command may hold. */
  maxTokens: number;
  /** Idle time before an autologout, in ms; RFC 9051 §5.4 asks for at least 30 minutes. */
  idleTimeoutMs: number;
  /** Time before a connection that never authenticates is closed, in ms. */
  preAuthTimeoutMs: number;
  /** Sessions open at once across the server. */
  maxConnections: number;
  /** Sessions open at once from one remote address. */
  maxConnectionsPerIp: number;
  /** Sessions one account may have open at once. */
  maxConnectionsPerAccount: number;
  /** Delay before answering a failed authentication, in ms, growing with each failure of the session. */
  authFailureDelayMs: number;
  /** Failed authentications before the session is closed with BYE. */
  maxAuthFailures: number;
}

/** The defaults: generous for real clients, small enough that a thousand connections stay cheap. */
export const DEFAULT_IMAP_LIMITS: ImapLimits = {
  maxLineLength: 64 * 1024,
  maxMessageSize: 50 * 1024 * 1024,
  maxLiteralSize: 64 * 1024,
  maxCommandSize: 100 * 1024 * 1024,
  maxNesting: 16,
  maxTokens: 10_000,
  idleTimeoutMs: 30 * 60 * 1000,
  preAuthTimeoutMs: 60 * 1000,
  maxConnections: 1000,
  maxConnectionsPerIp: 50,
  maxConnectionsPerAccount: 20,
  authFailureDelayMs: 1000,
  maxAuthFailures: 5,
};
