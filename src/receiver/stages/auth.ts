import type { SMTPServerAuthentication, SMTPServerAuthenticationResponse, SMTPServerSession } from 'smtp-server';
import { SmtpError } from '../../errors/smtp-error.js';
import type { Authenticator } from '../options.js';
import { Refusals } from '../refusals.js';
import { toSessionInfo } from '../session-info.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void;

/**
 * The auth stage (RFC 4954) for PLAIN and LOGIN: refused with 538 5.7.11 unless the connection is
 * encrypted (checked here again, whatever smtp-server let through), 535 5.7.8 for wrong
 * credentials, 454 4.7.0 when the authenticator itself fails. Success makes the returned account
 * the session's `authenticatedUser`.
 */
export function createAuthStage(context: StageContext, authenticate: Authenticator) {
  const { logger, allowInsecureAuth } = context.options;
  return {
    onAuth(auth: SMTPServerAuthentication, session: SMTPServerSession, callback: Callback): void {
      if (!session.secure && !allowInsecureAuth) return callback(toWireError(Refusals.encryptionRequired()));
      authenticate(auth.username ?? '', auth.password ?? '', toSessionInfo(session, context.options.listener)).then(
        (account) => {
          if (account === null) return callback(toWireError(Refusals.authenticationFailed()));
          callback(null, { user: account });
        },
        (error: unknown) => {
          if (error instanceof SmtpError) return callback(toWireError(error));
          const reason = error instanceof Error ? error.message : String(error);
          logger.error({ session: session.id, err: error }, `authenticator failed: ${reason}`);
          callback(toWireError(Refusals.authenticationUnavailable(reason)));
        },
      );
    },
  };
}
