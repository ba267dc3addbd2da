// The public API of posthouse, re-exported from the roles; nothing is defined here.
export { createMailServer, MailServer } from './server.js';
export type { MailServerOptions, MailServerAddresses, SmtpListenerOptions, ListenerOptions, TlsCredentials, Pop3ListenerOptions } from './server.js';

export type * from './interfaces/index.js';
export { ErrorCodes, PosthouseError, isPosthouseError, StoreError, SmtpError, toSmtpError } from './errors/index.js';
export type { ErrorCode } from './errors/index.js';

export { parseAddress, normalizeAddress, formatAddress, type AddressOptions, type ParsedAddress } from './core/address.js';
export { bufferSource, chunkSource, toMessageSource } from './core/message-source.js';
export { TypedEmitter } from './core/typed-emitter.js';
export { silentLogger } from './core/logger.js';

export { memoryStore, MemoryStore, levelStore, LevelStore, AbstractStore } from './store/index.js';
export type { MemoryStoreOptions, LevelStoreOptions, AbstractStoreOptions } from './store/index.js';
export { createDirectory, type DirectoryOptions } from './directory/index.js';
export { Deliverer, type DelivererOptions } from './deliverer/index.js';
export { Receiver, DEFAULT_RECEIVER_LIMITS, generateDevCertificate } from './receiver/index.js';
export type { ReceiverOptions, ReceiverLimits, ReceiverAddress, Authenticator, BareLineEndingPolicy } from './receiver/index.js';
export { Pop3Server, Pop3Error, DEFAULT_POP3_LIMITS, type Pop3ServerOptions, type Pop3ListenOptions, type Pop3Address, type Pop3Limits, type Pop3ResponseCode } from './access/pop3/index.js';
export { summarize, parseMessage, readHeaderSection, type ParsedMessage, type ParsedAttachment, type HeaderSection, type HeaderField } from './mime/index.js';
