export { ErrorCodes, type ErrorCode } from './codes.js';
export { PosthouseError, isPosthouseError } from './posthouse-error.js';
export { StoreError } from './store-error.js';
export { SmtpError, toSmtpError } from './smtp-error.js';
