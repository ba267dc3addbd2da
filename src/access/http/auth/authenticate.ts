import { ErrorCodes } from '../../../errors/codes.js';
import type { Directory } from '../../../interfaces/directory.js';
import { HttpError } from '../http-error.js';
import type { ApiKeys } from './api-keys.js';
import type { Principal } from './scope.js';

/** How the API checks credentials. */
export interface AuthSettings {
  keys: ApiKeys;
  directory: Directory;
  /** False opens the API to anyone with server scope: test servers only. */
  requireAuth: boolean;
  /** Allow Basic auth (an account's password) without TLS. For loopback development only. */
  allowInsecureAuth: boolean;
}

/** Longest Authorization header read; a key is 64 characters, an address and password far less. */
const MAX_AUTHORIZATION_LENGTH = 2048;

function unauthorized(message: string): HttpError {
  return new HttpError(401, ErrorCodes.HTTP_UNAUTHORIZED, message);
}

/**
 * Who is asking: an API key (`Authorization: Bearer ph_…`, or `X-Api-Key`), or an account's own
 * password by Basic auth (RFC 7617), accepted only over TLS unless `allowInsecureAuth`.
 * Throws a 401 when credentials are missing or wrong.
 */
export async function authenticate(headers: Headers, secure: boolean, settings: AuthSettings): Promise<Principal> {
  const authorization = headers.get('authorization') ?? (headers.has('x-api-key') ? `Bearer ${headers.get('x-api-key')}` : null);
  if (authorization === null) {
    if (!settings.requireAuth) return { scope: { kind: 'server' }, via: 'open' };
    throw unauthorized('credentials required: Authorization: Bearer <API key>, or Basic with an account password over TLS');
  }
  if (authorization.length > MAX_AUTHORIZATION_LENGTH) throw unauthorized('the Authorization header is too long');
  const [kind = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (kind.toLowerCase() === 'bearer') {
    const verified = await settings.keys.verify(value);
    if (verified === null) throw unauthorized('the API key is not valid');
    return { scope: verified.scope, via: 'key', keyId: verified.id };
  }
  if (kind.toLowerCase() === 'basic') {
    if (!secure && !settings.allowInsecureAuth) throw new HttpError(401, ErrorCodes.HTTP_TLS_REQUIRED, 'Basic auth with a password needs TLS (https); use an API key, or allowInsecureAuth for development');
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) throw unauthorized('Basic credentials must be base64 of address:password');
    const account = await settings.directory.authenticate(decoded.slice(0, colon), decoded.slice(colon + 1)).catch(() => null);
    if (account === null) throw unauthorized('the address or password is wrong');
    return { scope: { kind: 'account', account: account.address }, via: 'password' };
  }
  throw unauthorized(`unsupported authorization scheme '${kind.slice(0, 20)}' (use Bearer or Basic)`);
}
