import type { TypedEmitter } from '../../../core/typed-emitter.js';
import type { MailEvents } from '../../../interfaces/events.js';

/** Upper bounds (seconds) of the delivery latency histogram buckets. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A label value escaped for the exposition format (backslash, quote, newline). */
function labelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

/**
 * The server's Prometheus metrics, fed from its events: messages received, rejected (by stage and
 * reply code) and delivered, and the delivery latency (end of DATA to the durable 250).
 * {@link Metrics.render} writes the text exposition format 0.0.4.
 */
export class Metrics {
  #received = 0;
  #receivedBytes = 0;
  #delivered = 0;
  readonly #rejected = new Map<string, number>();
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
      const key = `stage="${labelValue(event.stage)}",code="${event.responseCode}"`;
      this.#rejected.set(key, (this.#rejected.get(key) ?? 0) + 1);
    };
    events.on('received', onReceived).on('delivered', onDelivered).on('rejected', onRejected);
    this.#detach = () => events.off('received', onReceived).off('delivered', onDelivered).off('rejected', onRejected);
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

  /** The metrics in the Prometheus text exposition format. */
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
      '# HELP posthouse_messages_rejected_total Refusals by SMTP stage and reply code.',
      '# TYPE posthouse_messages_rejected_total counter',
      ...[...this.#rejected].map(([labels, count]) => `posthouse_messages_rejected_total{${labels}} ${count}`),
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
