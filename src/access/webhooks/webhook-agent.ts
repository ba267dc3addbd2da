import type { DeliveryAgent, DeliveryOutcome, RecipientOutcome } from '../../interfaces/delivery.js';
import type { Envelope, SessionInfo } from '../../interfaces/envelope.js';
import type { MessageSource } from '../../interfaces/message.js';
import type { WebhookRoutes } from './route-registry.js';

/** Where the webhook agent hands a message's webhook recipients (durably, before the 250). */
export type WebhookIntake = (envelope: Envelope, source: MessageSource, routes: ReadonlyMap<string, string[]>) => Promise<void>;

/**
 * The receiver's delivery agent when webhooks are on: it stands in front of the deliverer.
 *
 * At RCPT, an address taken by a `post` route is a valid local recipient even without an
 * account (the route is the mailbox); every other address is the deliverer's to judge, so a
 * `both` or `store` route still needs an account. At the end of DATA the recipients are split:
 * those of `store`/`both` routes (and those no route takes) go to the deliverer, those of
 * `post`/`both` routes to the durable webhook queue, and only once both are durable does this
 * resolve, so the 250 keeps its promise for the webhook too.
 *
 * @example
 * const receiver = new Receiver({ agent: new WebhookAgent(deliverer, routes, intake), hostname });
 */
export class WebhookAgent implements DeliveryAgent {
  readonly #inner: DeliveryAgent;
  readonly #routes: WebhookRoutes;
  readonly #intake: WebhookIntake;

  constructor(inner: DeliveryAgent, routes: WebhookRoutes, intake: WebhookIntake) {
    this.#inner = inner;
    this.#routes = routes;
    this.#intake = intake;
  }

  async checkRecipient(address: string, session: SessionInfo): Promise<void> {
    if (this.#routes.match(address)?.action === 'post') return;
    await this.#inner.checkRecipient(address, session);
  }

  async deliver(envelope: Envelope, source: MessageSource): Promise<DeliveryOutcome> {
    const stored: string[] = [];
    const posted = new Map<string, string[]>();
    for (const recipient of envelope.rcptTo) {
      const route = this.#routes.match(recipient);
      if (route === null || route.action !== 'post') stored.push(recipient);
      if (route !== null && route.action !== 'store') posted.set(route.id, [...(posted.get(route.id) ?? []), recipient]);
    }
    // no route takes any recipient: the deliverer's outcome is the whole answer
    if (posted.size === 0 && stored.length > 0) return this.#inner.deliver(envelope, source);
    // The store first: a refusal there (a rule's reject) must not leave a webhook behind.
    const outcome = stored.length === 0 ? null : await this.#inner.deliver({ ...envelope, rcptTo: stored }, source);
    if (posted.size > 0) await this.#intake(envelope, source, posted);
    const recipients: RecipientOutcome[] = envelope.rcptTo.map(
      (recipient) => outcome?.recipients.find((entry) => entry.recipient === recipient) ?? { recipient, filed: [] },
    );
    return { envelopeId: envelope.id, recipients };
  }
}
