import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { chunkSource } from '../../core/message-source.js';
import { SmtpError, toSmtpError } from '../../errors/smtp-error.js';
import type { Envelope } from '../../interfaces/envelope.js';
import { BareLineEndingError, BareLineEndingFilter } from '../bare-line-ending-filter.js';
import { MessageCollector } from '../message-collector.js';
import { buildReceivedHeader } from '../received-header.js';
import { Refusals } from '../refusals.js';
import { toSessionInfo, transmissionProtocol } from '../session-info.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error?: Error | null, message?: string) => void;

/** A transaction id: 16 hex digits, like a Postfix queue id. */
function newEnvelopeId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/**
 * The data stage. The DATA stream runs through the bare line ending filter into a bounded
 * collector; then, with a Received header in front, the message goes to `agent.deliver`, and
 * `250 2.0.0 Ok: queued as <id>` is sent only once that resolved (the message is durable).
 * A bare CR/LF under `reject` is answered 521 5.5.2 and the connection closed at once; too
 * large a message or header section 552 5.3.4 at the end of DATA; an agent's SmtpError as it
 * is; anything else 451 4.3.0.
 */
export function createDataStage(context: StageContext) {
  const { options, server } = context;
  const { agent, logger, limits } = options;

  async function deliver(session: SMTPServerSession, collector: MessageCollector): Promise<Envelope> {
    const sessionInfo = toSessionInfo(session);
    const mailFrom = session.envelope.mailFrom;
    const envelope: Envelope = {
      id: newEnvelopeId(),
      mailFrom: mailFrom ? mailFrom.address : '',
      rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
      receivedAt: new Date(),
      session: sessionInfo,
    };
    const header = buildReceivedHeader({
      heloName: sessionInfo.heloName,
      remoteAddress: session.remoteAddress,
      hostname: options.hostname,
      protocol: transmissionProtocol(session),
      id: envelope.id,
      recipients: envelope.rcptTo,
      date: envelope.receivedAt,
    });
    await agent.deliver(envelope, chunkSource([Buffer.from(header, 'utf8'), ...collector.chunks]));
    return envelope;
  }

  function refuse(session: SMTPServerSession, error: unknown, callback: Callback): void {
    const reply = toSmtpError(error);
    if (!(error instanceof SmtpError)) {
      logger.error({ session: session.id, err: error }, `deliver failed: ${reply.logReason ?? ''}`);
    }
    callback(toWireError(reply));
  }

  return {
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: Callback): void {
      const collector = new MessageCollector(limits);
      pipeline(stream, new BareLineEndingFilter(options.bareLineEndings), collector).then(
        async () => {
          if (collector.overflow === 'message') return callback(toWireError(Refusals.messageTooBig(limits.maxMessageBytes)));
          if (collector.overflow === 'header') return callback(toWireError(Refusals.headerTooBig(limits.maxHeaderBytes)));
          let envelope: Envelope;
          try {
            envelope = await deliver(session, collector);
          } catch (error) {
            return refuse(session, error, callback);
          }
          callback(null, `2.0.0 Ok: queued as ${envelope.id}`);
          context.emitReceived({ envelope, size: collector.bytes });
        },
        (error: unknown) => {
          if (error instanceof BareLineEndingError) {
            // the client may never send CRLF.CRLF: answer and hang up now, never call back
            server.connectionOf(session.id)?.abort(Refusals.bareLineEnding(options.hostname, error.character));
            return;
          }
          // the client went away in the middle of the message: nobody is left to answer
          logger.debug({ session: session.id, err: error }, 'DATA stream ended early');
        },
      );
    },
  };
}
