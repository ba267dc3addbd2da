import { randomFillSync } from 'node:crypto';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { chunkSource } from '../../core/message-source.js';
import { SmtpError, toSmtpError } from '../../errors/smtp-error.js';
import type { Envelope } from '../../interfaces/envelope.js';
import { BareLineEndingError, MessageReader } from '../message-reader.js';
import { buildReceivedHeader } from '../received-header.js';
import { Refusals } from '../refusals.js';
import { toSessionInfo, transmissionProtocol } from '../session-info.js';
import { toWireError } from '../wire-error.js';
import type { StageContext } from './context.js';

type Callback = (error?: Error | null, message?: string) => void;

const ID_BYTES = 8;
// one call into the CSPRNG per 512 ids: a call per message cost more than the rest of the id
const idPool = Buffer.alloc(ID_BYTES * 512);
let idOffset = idPool.length;

/** A transaction id: 16 hex digits, like a Postfix queue id. */
function newEnvelopeId(): string {
  if (idOffset === idPool.length) {
    randomFillSync(idPool);
    idOffset = 0;
  }
  idOffset += ID_BYTES;
  return idPool.toString('hex', idOffset - ID_BYTES, idOffset).toUpperCase();
}

/**
 * The data stage. The DATA stream is read straight into a {@link MessageReader} (bare line
 * endings and bounds, in one pass: no stream stages in between); then, with a Received header in front, the message goes to `agent.deliver`, and
 * `250 2.0.0 Ok: queued as <id>` is sent only once that resolved (the message is durable).
 * A bare CR/LF under `reject` is answered 521 5.5.2 and the connection closed at once; too
 * large a message or header section 552 5.3.4 at the end of DATA; an agent's SmtpError as it
 * is; anything else 451 4.3.0.
 */
export function createDataStage(context: StageContext) {
  const { options, server } = context;
  const { agent, logger, limits } = options;

  async function deliver(session: SMTPServerSession, reader: MessageReader): Promise<Envelope> {
    const sessionInfo = toSessionInfo(session, context.options.listener);
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
    await agent.deliver(envelope, chunkSource([Buffer.from(header, 'utf8'), ...reader.chunks]));
    return envelope;
  }

  function refuse(session: SMTPServerSession, error: unknown, callback: Callback): void {
    const reply = toSmtpError(error);
    if (!(error instanceof SmtpError)) {
      logger.error({ session: session.id, err: error }, `deliver failed: ${reply.logReason ?? ''}`);
    }
    callback(toWireError(reply));
  }

  async function accept(session: SMTPServerSession, reader: MessageReader, callback: Callback): Promise<void> {
    if (reader.overflow === 'message') return callback(toWireError(Refusals.messageTooBig(limits.maxMessageBytes)));
    if (reader.overflow === 'header') return callback(toWireError(Refusals.headerTooBig(limits.maxHeaderBytes)));
    let envelope: Envelope;
    try {
      envelope = await deliver(session, reader);
    } catch (error) {
      return refuse(session, error, callback);
    }
    callback(null, `2.0.0 Ok: queued as ${envelope.id}`);
    context.emitReceived({ envelope, size: reader.bytes });
  }

  function fail(session: SMTPServerSession, error: unknown): void {
    if (error instanceof BareLineEndingError) {
      // the client may never send CRLF.CRLF: answer and hang up now, never call back
      server.connectionOf(session.id)?.abort(Refusals.bareLineEnding(options.hostname, error.character));
      return;
    }
    // the client went away in the middle of the message: nobody is left to answer
    logger.debug({ session: session.id, err: error }, 'DATA stream ended early');
  }

  return {
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: Callback): void {
      const reader = new MessageReader(limits, options.bareLineEndings);
      const onChunk = (chunk: Buffer): void => {
        try {
          reader.write(chunk);
        } catch (error) {
          stream.off('data', onChunk);
          // stop reading; the stream's 'error' brings the failure to `fail`
          stream.destroy(error as Error);
        }
      };
      stream.on('data', onChunk);
      stream.on('error', (error) => fail(session, error));
      stream.on('end', () => {
        try {
          reader.end();
        } catch (error) {
          return fail(session, error);
        }
        void accept(session, reader, callback);
      });
    },
  };
}
