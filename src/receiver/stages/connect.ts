import type { SMTPServerSession } from 'smtp-server';
import type { ConnectionLimiter } from '../connection-limiter.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error?: Error | null) => void;

/**
 * The connect stage: a session is let in only while the server and the client's address have
 * sessions to spare (421 4.7.0 otherwise, then smtp-server closes the connection).
 */
export function createConnectStage(context: StageContext, limiter: ConnectionLimiter) {
  return {
    onConnect(session: SMTPServerSession, callback: Callback): void {
      const refusal = limiter.admit(session.id, session.remoteAddress);
      if (refusal) {
        context.options.logger.info({ session: session.id, remoteAddress: session.remoteAddress }, refusal.message);
        return callback(toWireError(refusal));
      }
      callback();
    },
    onClose(session: SMTPServerSession): void {
      limiter.release(session.id);
      context.server.forget(session.id);
    },
  };
}
