export { createDirectory, type DirectoryOptions } from './directory.js';
export { hashPassword, verifyPassword, type PasswordHash } from './password.js';
export { MAX_ALIAS_DEPTH } from './resolver.js';
