import type { ReceivedEvent } from '../../interfaces/events.js';
import type { ResolvedReceiverOptions } from '../options.js';
import type { ReceiverSmtpServer } from '../smtp-server-adapter.js';

/** What every stage handler works with. */
export interface StageContext {
  options: ResolvedReceiverOptions;
  server: ReceiverSmtpServer;
  /** Emits `received`; called after the 250 went out. */
  emitReceived(event: ReceivedEvent): void;
}
