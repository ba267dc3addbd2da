/**
 * The IMAP server (RFC 9051 IMAP4rev2, RFC 3501 IMAP4rev1) over any store.
 */
export { ImapServer, type ImapAddresses } from './server/imap-server.js';
export type { ImapServerOptions } from './server/imap-server-options.js';
export { DEFAULT_IMAP_LIMITS, type ImapLimits } from './limits.js';
export { ImapError } from './imap-error.js';
export { memoryDuplexPair } from './session/memory-duplex.js';
export { COMMAND_HANDLERS, commandRegistry } from './commands/index.js';
export { parseSequenceSet } from './sequence-set.js';
export { encodeModifiedUtf7, decodeModifiedUtf7 } from './mailbox/modified-utf7.js';
export type * from './types.js';
