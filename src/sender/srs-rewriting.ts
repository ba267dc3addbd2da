import { randomBytes } from 'node:crypto';
import { SmtpError } from '../errors/smtp-error.js';
import type { MessageSource } from '../interfaces/message.js';
import type { OutboundMessage, OutboundQueue, QueuedMessage } from '../interfaces/queue.js';
import type { RecordStore } from '../interfaces/store.js';
import { domainOf } from './queue/queue-entry.js';
import { SRS_MAX_AGE_DAYS, srsForward, srsReverse } from './srs.js';

const NAMESPACE = 'sender.srs';
const SECRET_KEY = 'secret';
const SRS_LOCAL_PART = /^SRS[01][=+-]/i;

/** Options of {@link SenderRewriting}. */
export interface SenderRewritingOptions {
  /** The forwarding domain: rewritten reverse-paths are addresses of it, so its SPF record is the one checked. */
  domain: string;
  /** The HMAC key; absent: one is generated (32 random octets) on first use and kept in `records`. */
  secret?: string;
  records: RecordStore;
  /** Whether an address is of one of our domains: such senders are not rewritten (our SPF already covers them). */
  isLocal: (address: string) => Promise<boolean> | boolean;
  now?: () => Date;
  /** How long a rewritten address takes bounces (default {@link SRS_MAX_AGE_DAYS}). */
  maxAgeDays?: number;
}

/**
 * The Sender Rewriting Scheme of a server (Shevek, 2004): forwarded mail leaves with a
 * reverse-path of the forwarding domain, so the next hop's SPF check (RFC 7208) looks at our
 * record instead of failing on the original sender's, and bounces of it come back here to be
 * verified and passed on to the original sender.
 *
 * @example
 * const srs = new SenderRewriting({ domain: 'mx.example.com', records: store.records, isLocal });
 * await srs.forwardPath('bob@example.org'); // 'SRS0=HHHH=TT=example.org=bob@mx.example.com'
 * await srs.reverse('SRS0=HHHH=TT=example.org=bob@mx.example.com'); // 'bob@example.org'
 */
export class SenderRewriting {
  readonly domain: string;
  readonly #options: SenderRewritingOptions;
  #secret: Promise<string> | null = null;

  constructor(options: SenderRewritingOptions) {
    this.domain = options.domain.toLowerCase();
    this.#options = options;
  }

  /** The configured secret, else the one kept in the records, generated and kept there the first time. */
  async secret(): Promise<string> {
    if (this.#options.secret !== undefined) return this.#options.secret;
    // one load per instance, so two first forwards at once cannot keep two different secrets
    this.#secret ??= loadOrCreateSecret(this.#options.records).catch((error: unknown) => {
      this.#secret = null;
      throw error;
    });
    return this.#secret;
  }

  /**
   * The reverse-path a forwarded message leaves with: the null sender and our own senders as
   * they are, any other rewritten to SRS0 (SRS1 when it already is another forwarder's SRS0).
   */
  async forwardPath(mailFrom: string): Promise<string> {
    if (mailFrom === '' || domainOf(mailFrom) === '' || (await this.#options.isLocal(mailFrom))) return mailFrom;
    return srsForward(mailFrom, this.domain, await this.secret(), this.#now());
  }

  /** Whether `address` has the shape of one of our SRS addresses; says nothing of whether it verifies. */
  isReturnPath(address: string): boolean {
    const at = address.lastIndexOf('@');
    return at > 0 && domainOf(address) === this.domain && SRS_LOCAL_PART.test(address.slice(0, at));
  }

  /**
   * Where a message to one of our SRS addresses (a bounce of forwarded mail) goes: the original
   * sender. Null for an address that is not of that shape; a forged or expired one is refused
   * 550 5.1.1, as an unknown user is, so nobody can use us to relay by making up SRS addresses.
   */
  async reverse(address: string): Promise<string | null> {
    if (!this.isReturnPath(address)) return null;
    const original = srsReverse(address, await this.secret(), this.#now(), this.#options.maxAgeDays ?? SRS_MAX_AGE_DAYS);
    if (original === null) throw new SmtpError(550, '5.1.1', 'Mailbox unavailable: no such user here', { logReason: `SRS address ${address} does not verify or has expired` });
    return original;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }
}

async function loadOrCreateSecret(records: RecordStore): Promise<string> {
  const kept = await records.get<string>(NAMESPACE, SECRET_KEY);
  if (kept !== undefined) return kept;
  const secret = randomBytes(32).toString('base64');
  await records.put(NAMESPACE, SECRET_KEY, secret);
  return secret;
}

/**
 * An {@link OutboundQueue} that gives every forwarded message (reason `redirect`: alias forwards,
 * Sieve redirects, bounces passed back through SRS) its SRS reverse-path before handing it to
 * `queue`. Other messages pass as they are: submissions, vacation replies and bounces are ours.
 *
 * @example
 * const outbound = srsRewritingQueue(dkimSigningQueue(sender, keys), srs);
 */
export function srsRewritingQueue(queue: OutboundQueue, srs: SenderRewriting): OutboundQueue {
  return {
    async enqueue(message: OutboundMessage): Promise<QueuedMessage> {
      if (message.reason !== 'redirect') return queue.enqueue(message);
      return queue.enqueue({ ...message, mailFrom: await srs.forwardPath(message.mailFrom) });
    },
    list: (): Promise<QueuedMessage[]> => queue.list(),
    read: (id: string): Promise<MessageSource> => queue.read(id),
  };
}
