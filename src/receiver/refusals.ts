import { SmtpError } from '../errors/smtp-error.js';

/**
 * Every refusal the receiver itself decides, in one place, each with its reply code and
 * enhanced status code (RFC 3463). Refusals of the {@link DeliveryAgent} pass through as they are.
 */
export const Refusals = {
  /** RFC 1870 §6.3 / RFC 3463 §3.4: the message (declared or actual) is over the size limit. */
  messageTooBig: (maxBytes: number) =>
    new SmtpError(552, '5.3.4', `Error: message exceeds fixed maximum message size ${maxBytes}`),
  /** The header section alone is over its limit. */
  headerTooBig: (maxBytes: number) =>
    new SmtpError(552, '5.3.4', `Error: message header section exceeds ${maxBytes} bytes`),
  /**
   * RFC 5321 §2.3.8 forbids bare CR and LF; accepting them enables SMTP smuggling. Worded as
   * Postfix's `smtpd_forbid_bare_newline` answers, and followed by a disconnect.
   */
  bareLineEnding: (hostname: string, character: 'CR' | 'LF') =>
    new SmtpError(521, '5.5.2', `${hostname} Error: bare <${character}> received`),
  /** The server as a whole has as many sessions as it takes. */
  tooManyConnections: (hostname: string) =>
    new SmtpError(421, '4.7.0', `${hostname} Error: too many connections, try again later`),
  /** One address has as many sessions as it may hold. */
  tooManyConnectionsFromIp: (hostname: string) =>
    new SmtpError(421, '4.7.0', `${hostname} Error: too many connections from your address, try again later`),
  /** A client that talks without ever starting a transaction. */
  tooManyCommands: (hostname: string) =>
    new SmtpError(421, '4.7.0', `${hostname} Error: too many commands before MAIL`),
  /** RFC 4954 §6: AUTH over a connection that is not encrypted. */
  encryptionRequired: () => new SmtpError(538, '5.7.11', 'Encryption required for requested authentication mechanism'),
  /** RFC 4954 §6 / RFC 6409 §4.1: a submission transaction before AUTH. */
  authenticationRequired: () => new SmtpError(530, '5.7.0', 'Authentication required'),
  /** RFC 4954 §6: wrong username or password. */
  authenticationFailed: () => new SmtpError(535, '5.7.8', 'Authentication credentials invalid'),
  /** RFC 4954 §6: the authenticator failed, not the client. */
  authenticationUnavailable: (reason: string) =>
    new SmtpError(454, '4.7.0', 'Temporary authentication failure', { logReason: reason }),
} as const;
