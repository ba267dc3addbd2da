import { SmtpError } from '../errors/smtp-error.js';
import { isPosthouseError } from '../errors/posthouse-error.js';
import { ErrorCodes } from '../errors/codes.js';
import type { Directory, Resolution } from '../interfaces/directory.js';
import type { SessionInfo } from '../interfaces/envelope.js';

/**
 * Addresses taken without a directory entry and forwarded at once: the SRS addresses that bounces
 * of forwarded mail come back to. Resolves the address to forward to, or null for an address that
 * is not one of them; rejects with the SMTP refusal for one that is but does not verify.
 */
export type ReturnPathResolver = (address: string) => Promise<string | null>;

/**
 * Resolves a recipient and turns every answer but "local" into the SMTP reply it deserves.
 * The server is never an open relay: a non-local recipient is refused whoever asks, until the
 * sender role exists to relay for authenticated users (RFC 5321 §3.6.2). An address that
 * `returnPaths` knows is local, forwarding to the address it names (as a one-recipient alias).
 */
export async function resolveRecipient(directory: Directory, address: string, session: SessionInfo, returnPaths?: ReturnPathResolver): Promise<Extract<Resolution, { kind: 'local' }>> {
  const returnTo = returnPaths === undefined ? null : await returnPaths(address);
  if (returnTo !== null) return { kind: 'local', address, via: 'alias', targets: [], forward: [returnTo] };
  let resolution: Resolution;
  try {
    resolution = await directory.resolve(address);
  } catch (error) {
    if (isPosthouseError(error, ErrorCodes.ADDRESS_INVALID)) {
      throw new SmtpError(501, '5.1.3', 'Bad recipient address syntax', { logReason: error.message });
    }
    throw error;
  }
  switch (resolution.kind) {
    case 'local':
      return resolution;
    case 'unknown-user':
      throw new SmtpError(550, '5.1.1', 'Mailbox unavailable: no such user here');
    case 'non-local':
      throw new SmtpError(550, '5.7.1', 'Relaying denied', {
        logReason: `non-local recipient ${resolution.address} from ${session.remoteAddress} (authenticated: ${session.authenticatedUser ?? 'no'})`,
      });
  }
}

/**
 * Whether a session may relay (RFC 6409 §3.3, §5): only an authenticated user of a submission
 * listener. Port 25 and unauthenticated sessions never may, whoever they are.
 */
export function mayRelay(session: SessionInfo): boolean {
  return session.listener === 'submission' && session.authenticatedUser !== null;
}

/**
 * The relay policy at RCPT: a local recipient is resolved as {@link resolveRecipient} does
 * (550 5.1.1 for unknown users); a non-local one is `remote` for a session that
 * {@link mayRelay}, and refused 550 5.7.1 for every other session.
 */
export async function classifyRecipient(directory: Directory, address: string, session: SessionInfo): Promise<'local' | 'remote'> {
  if (mayRelay(session)) {
    let resolution: Resolution | null = null;
    try {
      resolution = await directory.resolve(address);
    } catch (error) {
      if (!isPosthouseError(error, ErrorCodes.ADDRESS_INVALID)) throw error;
    }
    if (resolution?.kind === 'non-local') return 'remote';
  }
  await resolveRecipient(directory, address, session);
  return 'local';
}
