import type { SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { SmtpError, toSmtpError } from '../../errors/smtp-error.js';
import { toSessionInfo } from '../session-info.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error?: Error | null) => void;

/**
 * The rcpt stage: the agent decides each recipient (550 5.1.1 unknown user, 550 5.7.1 relay
 * denied, …) and its {@link SmtpError} goes to the client exactly; any other failure is 451 4.3.0
 * with the details in the log. Syntax (501 5.1.3) and the recipient count (452 4.5.3) are
 * checked by smtp-server before this runs.
 */
export function createRcptStage(context: StageContext) {
  const { agent, logger } = context.options;
  return {
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: Callback): void {
      agent.checkRecipient(address.address, toSessionInfo(session, context.options.listener)).then(
        () => callback(),
        (error: unknown) => {
          const reply = toSmtpError(error);
          if (!(error instanceof SmtpError)) {
            logger.error({ session: session.id, recipient: address.address, err: error }, `checkRecipient failed: ${reply.logReason ?? ''}`);
          }
          callback(toWireError(reply));
        },
      );
    },
  };
}
