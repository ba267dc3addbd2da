export { buildDsn, MAX_RETURNED_ORIGINAL, type DsnInput } from './build-dsn.js';
export { type DsnRecipient } from './delivery-status.js';
export { parseDsn, type ParsedDsn, type ParsedDsnRecipient } from './parse-dsn.js';
