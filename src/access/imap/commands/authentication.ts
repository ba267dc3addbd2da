import { ImapError } from '../imap-error.js';
import type { CommandContext, TaggedResult } from '../types.js';

/** The reply to a plaintext authentication before TLS (RFC 9051 §6.2.3, RFC 5530). */
export const PRIVACY_REQUIRED: TaggedResult = { status: 'NO', code: 'PRIVACYREQUIRED', text: 'Plaintext authentication is disallowed before TLS; use STARTTLS' };

/**
 * Checks the credentials against the directory and moves the session to authenticated; a failure
 * is answered only after the session's growing delay, so guessing passwords is slow.
 */
export async function authenticateAs(context: CommandContext, username: string, password: string): Promise<TaggedResult> {
  const account = username === '' ? null : await context.directory.authenticate(username, password).catch(() => null);
  if (account === null) {
    await context.session.authenticationFailed();
    return { status: 'NO', code: 'AUTHENTICATIONFAILED', text: 'Authentication failed' };
  }
  context.session.authenticate(account.address);
  return { status: 'OK', code: `CAPABILITY ${context.session.capabilities().join(' ')}`, text: 'Logged in' };
}

/** Decodes one base64 SASL response (RFC 4959: `=` is the empty initial response). */
export function decodeSaslResponse(text: string): Buffer {
  if (text === '=') return Buffer.alloc(0);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new ImapError('BAD', 'Invalid base64 in SASL response');
  return Buffer.from(text, 'base64');
}
