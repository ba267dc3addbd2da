export { Receiver, type ReceiverAddress } from './receiver.js';
export {
  DEFAULT_RECEIVER_LIMITS,
  resolveReceiverOptions,
  type Authenticator,
  type BareLineEndingPolicy,
  type ReceiverLimits,
  type ReceiverOptions,
  type ResolvedReceiverOptions,
} from './options.js';
export { Refusals } from './refusals.js';
export { buildReceivedHeader, formatRfc5322Date, addressLiteral, type ReceivedHeaderFields } from './received-header.js';
export { MessageReader, BareLineEndingError, type CollectorOverflow } from './message-reader.js';
export { generateDevCertificate } from './dev-tls.js';
export { toWireError, leadingEnhancedCode, splitReplyText, type WireError } from './wire-error.js';
