import { SmtpError } from '../../errors/smtp-error.js';
import { isPosthouseError } from '../../errors/posthouse-error.js';
import { ErrorCodes } from '../../errors/codes.js';
import type { Directory } from '../../interfaces/directory.js';

/**
 * Who an authenticated user may send as: `own` (the default) allows only addresses that reach
 * the user (their account address, sub-addresses of it, aliases that deliver to it); `any` allows
 * every address (a trusted application sending for many senders).
 */
export type SenderPolicy = 'own' | 'any';

/** 553 5.7.1 (RFC 6409 §6.1, RFC 3463 §3.8): the address is not the user's to send as. */
export function senderNotOwned(address: string, account: string, where: 'envelope' | 'header'): SmtpError {
  const text = where === 'envelope' ? `Sender address rejected: not owned by user ${account}` : `From header address rejected: not owned by user ${account}`;
  return new SmtpError(553, '5.7.1', text, { logReason: `${account} tried to send as ${address || '<>'} (${where})` });
}

/**
 * Whether `address` reaches `account` through the directory: the account itself, a sub-address of
 * it, or an alias among whose targets it is. A catch-all does not count: it would let its owner
 * send as every address of the domain.
 */
export async function ownsAddress(directory: Directory, account: string, address: string): Promise<boolean> {
  if (address === '') return false;
  try {
    const resolution = await directory.resolve(address);
    return resolution.kind === 'local' && resolution.via !== 'catch-all' && resolution.targets.some((target) => target.account === account);
  } catch (error) {
    if (isPosthouseError(error, ErrorCodes.ADDRESS_INVALID)) return false;
    throw error;
  }
}
