export { Pop3Server, type Pop3ListenOptions, type Pop3Address } from './pop3-server.js';
export { DEFAULT_POP3_LIMITS, type Pop3Limits, type Pop3ServerOptions } from './options.js';
export { Pop3Error, type Pop3ResponseCode } from './pop3-error.js';
