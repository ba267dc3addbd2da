import type { TypedEmitter } from '../../../core/typed-emitter.js';
import type { MailEvents } from '../../../interfaces/events.js';
import type { Store, StoreChange } from '../../../interfaces/store.js';
import { reachesAccount, type Principal } from '../auth/scope.js';

/** One live event as sent: its SSE `event:` name and JSON `data:`. */
export interface LiveEvent {
  type: 'received' | 'delivered' | 'flags' | 'expunged' | 'bounce';
  data: Record<string, unknown>;
}

/** Where live events come from: the server's events and the store's change feed. */
export interface LiveEventSources {
  events: TypedEmitter<MailEvents>;
  store: Store;
}

/**
 * Subscribes to every live event `principal` may see, calling `send` for each; resolves the
 * unsubscribe function. A `received` event lists only the recipients the caller reaches, and is
 * not sent at all when it reaches none. A `bounce` goes to callers who reach its envelope sender
 * (the account whose mail bounced); a bounce to the null sender, to server scope only.
 */
export function subscribeLiveEvents(sources: LiveEventSources, principal: Principal, send: (event: LiveEvent) => void): () => void {
  const reaches = (account: string): boolean => reachesAccount(principal.scope, account);
  const onDelivered = (event: MailEvents['delivered']): void => {
    if (reaches(event.account)) send({ type: 'delivered', data: { ...event } });
  };
  const onReceived = (event: MailEvents['received']): void => {
    const recipients = event.envelope.rcptTo.filter((recipient) => reaches(recipient.toLowerCase()));
    if (recipients.length === 0) return;
    send({ type: 'received', data: { envelopeId: event.envelope.id, mailFrom: event.envelope.mailFrom, rcptTo: recipients, size: event.size, receivedAt: event.envelope.receivedAt.toISOString() } });
  };
  const onBounce = (event: MailEvents['bounce']): void => {
    if (reaches(event.mailFrom.toLowerCase())) send({ type: 'bounce', data: { ...event } });
  };
  const onChange = (change: StoreChange): void => {
    if ((change.type === 'flags' || change.type === 'expunged') && reaches(change.account)) {
      const { type, ...data } = change;
      send({ type, data });
    }
  };
  sources.events.on('delivered', onDelivered);
  sources.events.on('received', onReceived);
  sources.events.on('bounce', onBounce);
  const unwatch = sources.store.watch(onChange);
  return () => {
    sources.events.off('delivered', onDelivered);
    sources.events.off('received', onReceived);
    sources.events.off('bounce', onBounce);
    unwatch();
  };
}
