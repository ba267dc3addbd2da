import type { TypedEmitter } from '../../../core/typed-emitter.js';
import type { MailEvents } from '../../../interfaces/events.js';

/** Upper bounds (seconds) of the delivery latency histogram buckets. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The protocols whose open sessions are counted. */
export type SessionProtocol = 'smtp' | 'imap' | 'pop3';

/**
 * Live values read at each scrape: open sessions per protocol (each server's `openSessions`) and
 * the outbound queue's depth (messages it holds, `sender.list()` or `queue.list()`).
 */
export interface MetricSources {
  sessionsOpen?: () => Partial<Record<SessionProtocol, number>>;
  queueDepth?: () => Promise<number> | number;
}

/** RFC 3463 §3 subject classes (the middle number of an enhanced status code), as reason labels. */
const REASON_OF_SUBJECT: Record<string, string> = {
  '0': 'other',
  '1': 'addressing',
  '2': 'mailbox',
  '3': 'mail-system',
  '4': 'network',
  '5': 'protocol',
  '6': 'content',
  '7': 'policy',
};

/** The reason label of an enhanced status code: its RFC 3463 subject class, `other` when it has none. */
export function rejectionReason(enhancedCode: string): string {
  return REASON_OF_SUBJECT[/^[245]\.(\d{1,3})\.\d{1,3}$/.exec(enhancedCode)?.[1] ?? ''] ?? 'other';
}

/** A label value escaped for the exposition format (backslash, quote, newline). */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * The server's Prometheus metrics, fed from its events: messages received, rejected (by stage,
 * reply code and RFC 3463 reason class) and delivered, bounces, and the delivery latency (end of
 * DATA to the durable 250); plus gauges read at each scrape from {@link MetricSources} (sessions
 * open per protocol, queue depth). {@link Metrics.scrape} writes the text exposition format 0.0.4.
 */
export class Metrics {
  #received = 0;
  #receivedBytes = 0;
  #delivered = 0;
  readonly #rejected = new Map<string, number>();
  readonly #bounces = new Map<string, number>();
  #sources: MetricSources = {};
  readonly #latencyCounts = LATENCY_BUCKETS.map(() => 0);
  #latencyCount = 0;
  #latencySum = 0;
  readonly #detach: () => void;
  readonly #now: () => number;

  constructor(events: TypedEmitter<MailEvents>, now: () => number = Date.now) {
    this.#now = now;
    const onReceived = (event: MailEvents['received']): void => {
      this.#received += 1;
      this.#receivedBytes += event.size;
      this.#observeLatency(Math.max(0, this.#now() - event.envelope.receivedAt.getTime()) / 1000);
    };
    const onDelivered = (): void => {
      this.#delivered += 1;
    };
    const onRejected = (event: MailEvents['rejected']): void => {
      // Stage and reply code only: bounded label values, never addresses.
      const key = `stage="${labelValue(event.stage)}",code="${event.responseCode}",reason="${rejectionReason(event.enhancedCode)}"`;
      this.#rejected.set(key, (this.#rejected.get(key) ?? 0) + 1);
    };
    const onBounce = (event: MailEvents['bounce']): void => {
      const key = `origin="${event.origin === 'remote' ? 'remote' : 'local'}",reason="${rejectionReason(event.status)}"`;
      this.#bounces.set(key, (this.#bounces.get(key) ?? 0) + 1);
    };
    events.on('received', onReceived).on('delivered', onDelivered).on('rejected', onRejected).on('bounce', onBounce);
    this.#detach = () => events.off('received', onReceived).off('delivered', onDelivered).off('rejected', onRejected).off('bounce', onBounce);
  }

  #observeLatency(seconds: number): void {
    this.#latencyCount += 1;
    this.#latencySum += seconds;
    LATENCY_BUCKETS.forEach((bound, index) => {
      if (seconds <= bound) this.#latencyCounts[index]! += 1;
    });
  }

  /** Stops listening to the server's events. */
  detach(): void {
    this.#detach();
  }

  /**
   * Sets where the gauges read at each scrape come from; the server calls it once its roles exist.
   *
   * @example
   * server.http.metrics.track({ sessionsOpen: () => ({ imap: server.imap?.openSessions ?? 0 }), queueDepth: async () => (await server.queue.list()).length });
   */
  track(sources: MetricSources): void {
    this.#sources = { ...this.#sources, ...sources };
  }

  /** The counters with the gauges of {@link track} read now, in the text exposition format. */
  async scrape(): Promise<string> {
    const sessions = this.#sources.sessionsOpen?.() ?? {};
    const depth = this.#sources.queueDepth === undefined ? null : await this.#sources.queueDepth();
    const gauges = [
      '# HELP posthouse_sessions_open Sessions open now, by protocol.',
      '# TYPE posthouse_sessions_open gauge',
      ...(['smtp', 'imap', 'pop3'] as const).map((protocol) => `posthouse_sessions_open{protocol="${protocol}"} ${sessions[protocol] ?? 0}`),
      ...(depth === null ? [] : ['# HELP posthouse_queue_depth Messages in the outbound queue.', '# TYPE posthouse_queue_depth gauge', `posthouse_queue_depth ${depth}`]),
    ];
    return this.render() + `${gauges.join('\n')}\n`;
  }

  /** The counters in the Prometheus text exposition format; `extra` adds gauges. */
  render(extra: Record<string, number> = {}): string {
    const lines = [
      '# HELP posthouse_messages_received_total Messages accepted over SMTP (answered 250).',
      '# TYPE posthouse_messages_received_total counter',
      `posthouse_messages_received_total ${this.#received}`,
      '# HELP posthouse_received_bytes_total Octets of the messages accepted.',
      '# TYPE posthouse_received_bytes_total counter',
      `posthouse_received_bytes_total ${this.#receivedBytes}`,
      '# HELP posthouse_messages_delivered_total Copies filed into mailboxes.',
      '# TYPE posthouse_messages_delivered_total counter',
      `posthouse_messages_delivered_total ${this.#delivered}`,
      '# HELP posthouse_messages_rejected_total Refusals by SMTP stage, reply code and reason (RFC 3463 subject class).',
      '# TYPE posthouse_messages_rejected_total counter',
      ...[...this.#rejected].map(([labels, count]) => `posthouse_messages_rejected_total{${labels}} ${count}`),
      '# HELP posthouse_bounces_total Recipients given up on (origin local: our queue; remote: a DSN came in), by reason.',
      '# TYPE posthouse_bounces_total counter',
      ...[...this.#bounces].map(([labels, count]) => `posthouse_bounces_total{${labels}} ${count}`),
      '# HELP posthouse_delivery_latency_seconds From the end of DATA to the durable 250.',
      '# TYPE posthouse_delivery_latency_seconds histogram',
      ...LATENCY_BUCKETS.map((bound, index) => `posthouse_delivery_latency_seconds_bucket{le="${bound}"} ${this.#latencyCounts[index]}`),
      `posthouse_delivery_latency_seconds_bucket{le="+Inf"} ${this.#latencyCount}`,
      `posthouse_delivery_latency_seconds_sum ${this.#latencySum}`,
      `posthouse_delivery_latency_seconds_count ${this.#latencyCount}`,
      ...Object.entries(extra).flatMap(([name, value]) => [`# TYPE ${name} gauge`, `${name} ${value}`]),
    ];
    return `${lines.join('\n')}\n`;
  }
}
