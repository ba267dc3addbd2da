import { ErrorCodes } from '../../../errors/codes.js';
import { isPosthouseError } from '../../../errors/posthouse-error.js';
import { Maildrop } from '../maildrop.js';
import { Pop3Error, toPop3Error } from '../pop3-error.js';
import type { Pop3Context } from './types.js';

/** The refusal of plaintext credentials before TLS (RFC 2595 §2.1), worded as Dovecot does. */
export function plaintextRefused(): Pop3Error {
  return new Pop3Error('Plaintext authentication disallowed on non-secure (SSL/TLS) connections.', { code: 'AUTH' });
}

/**
 * Checks the credentials against the directory, locks the maildrop and enters the TRANSACTION
 * state (RFC 1939 §4). A failed login waits (the server's injectable delay) before its
 * `-ERR [AUTH]` (RFC 3206 §5); a held maildrop gets `-ERR [IN-USE]` (RFC 2449 §8.1.2).
 */
export async function logIn(context: Pop3Context, username: string, password: string): Promise<void> {
  const account = await authenticate(context, username, password);
  if (account === null) {
    context.authFailures += 1;
    context.options.logger.info({ username: username.slice(0, 100), failures: context.authFailures }, 'pop3: authentication failed');
    await context.options.authFailureDelay(context.authFailures);
    throw new Pop3Error('Authentication failed.', { code: 'AUTH' });
  }
  if (!context.locks.acquire(account)) throw new Pop3Error('Mailbox is locked by another POP3 session.', { code: 'IN-USE' });
  let maildrop: Maildrop;
  try {
    maildrop = await Maildrop.open(context.options.store, account);
  } catch (error) {
    context.locks.release(account);
    throw toPop3Error(error);
  }
  context.enterTransaction(maildrop);
  await context.reply('+OK Logged in.');
}

async function authenticate(context: Pop3Context, username: string, password: string): Promise<string | null> {
  try {
    return (await context.options.directory.authenticate(username, password))?.address ?? null;
  } catch (error) {
    // A name that is not an address is only a wrong login, not a server fault.
    if (isPosthouseError(error, ErrorCodes.ADDRESS_INVALID)) return null;
    throw error;
  }
}
