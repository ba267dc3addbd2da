import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { SmtpError, toSmtpError } from '../../errors/smtp-error.js';
import { Refusals } from '../refusals.js';
import { toSessionInfo } from '../session-info.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error?: Error | null) => void;

/**
 * The mail stage. On a submission listener a transaction needs an authenticated session first
 * (RFC 6409 §4.1, 530 5.7.0); then the agent's `checkSender`, when it has one, decides the
 * reverse-path (553 5.7.1 for an address the user may not send as). Its {@link SmtpError} goes to
 * the client as it is; any other failure is 451 4.3.0 with the details in the log.
 */
export function createMailStage(context: StageContext) {
  const { agent, logger, listener } = context.options;
  return {
    onMailFrom(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback): void {
      if (listener === 'submission' && typeof session.user !== 'string') return callback(toWireError(Refusals.authenticationRequired()));
      if (agent.checkSender === undefined) return callback();
      agent.checkSender(address.address, toSessionInfo(session, listener)).then(
        () => callback(),
        (error: unknown) => {
          const reply = toSmtpError(error);
          if (!(error instanceof SmtpError)) {
            logger.error({ session: session.id, sender: address.address, err: error }, `checkSender failed: ${reply.logReason ?? ''}`);
          }
          callback(toWireError(reply));
        },
      );
    },
  };
}
