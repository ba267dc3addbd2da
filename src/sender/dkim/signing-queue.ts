import { toMessageSource } from '../../core/message-source.js';
import type { Logger } from '../../interfaces/logger.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { OutboundMessage, OutboundQueue, QueuedMessage } from '../../interfaces/queue.js';
import { silentLogger } from '../../core/logger.js';
import type { DkimKeys } from './keys.js';
import { headerFromDomain, signWithDkim } from './sign.js';

/**
 * An {@link OutboundQueue} that DKIM-signs (RFC 6376) every message whose header From domain has
 * a key in `keys` before handing it to `queue`: submitted mail, and every other outbound message
 * of a local domain (vacation replies, bounces, redirects of local mail). Messages of other
 * domains pass unsigned. A key that fails to sign is logged and the message queued unsigned:
 * an unsigned message still reaches most receivers, a lost one reaches nobody.
 *
 * @example
 * const outbound = dkimSigningQueue(sender, new DkimKeys(store.records));
 * await outbound.enqueue({ mailFrom: 'alice@example.com', rcptTo: ['bob@example.org'], source, reason: 'submission' });
 */
export function dkimSigningQueue(queue: OutboundQueue, keys: DkimKeys, options: { logger?: Logger; now?: () => Date } = {}): OutboundQueue {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  return {
    async enqueue(message: OutboundMessage): Promise<QueuedMessage> {
      const raw = await toMessageSource(message.source).buffer();
      const domain = headerFromDomain(raw);
      const key = domain === null ? undefined : await keys.get(domain);
      if (key === undefined) return queue.enqueue({ ...message, source: raw });
      let signed: Buffer;
      try {
        signed = await signWithDkim(raw, key, now());
      } catch (error) {
        logger.warn({ domain, err: error }, `DKIM signing failed, queued unsigned: ${error instanceof Error ? error.message : String(error)}`);
        signed = raw;
      }
      return queue.enqueue({ ...message, source: signed });
    },
    list: (): Promise<QueuedMessage[]> => queue.list(),
    read: (id: string): Promise<MessageSource> => queue.read(id),
  };
}
