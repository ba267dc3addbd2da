import type { SMTPServerSession } from 'smtp-server';
import type { SessionInfo } from '../interfaces/envelope.js';

/** What the stages tell the agent about a session, taken from smtp-server's session. */
export function toSessionInfo(session: SMTPServerSession, listener: 'smtp' | 'submission' = 'smtp'): SessionInfo {
  return {
    listener,
    id: session.id,
    remoteAddress: session.remoteAddress,
    // smtp-server keeps false here until HELO/EHLO, whatever its type says
    heloName: session.hostNameAppearsAs || '',
    secure: session.secure,
    authenticatedUser: typeof session.user === 'string' ? session.user : null,
  };
}

/**
 * The protocol name of the `with` clause of a Received header (RFC 3848): SMTP after HELO;
 * after EHLO, ESMTP plus S for TLS and A for an authenticated client.
 */
export function transmissionProtocol(session: SMTPServerSession): string {
  if (session.openingCommand !== 'EHLO') return 'SMTP';
  return `ESMTP${session.secure ? 'S' : ''}${typeof session.user === 'string' ? 'A' : ''}`;
}
