import { setTimeout as sleep } from 'node:timers/promises';
import { silentLogger } from '../core/logger.js';
import { toMessageSource } from '../core/message-source.js';
import { TypedEmitter } from '../core/typed-emitter.js';
import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import { SmtpError } from '../errors/smtp-error.js';
import type { SenderEvents } from '../interfaces/events.js';
import type { Logger } from '../interfaces/logger.js';
import type { MessageSource } from '../interfaces/message.js';
import type { OutboundMessage, OutboundQueue, QueuedMessage } from '../interfaces/queue.js';
import type { Clock, RecipientAttempt, Transport } from '../interfaces/sender.js';
import type { Store } from '../interfaces/store.js';
import { domainOf, isFinished, isPending, type QueueEntry } from './queue/queue-entry.js';
import { newEntry, QueueRecords } from './queue/queue-records.js';
import { summarize, type QueueSummary } from './queue/queue-summary.js';
import { applyAttempt, dueByDomain, dueNow, markNotified, nextDueAt, type RecipientChange } from './queue/transitions.js';
import { ConcurrencyLimiter } from './scheduler/concurrency-limiter.js';
import { diagnosticOf, noticeStatus, sendNotice, type NoticeRoute } from './scheduler/delivery-notices.js';
import { DEFAULT_WARN_AFTER_MS, retrySchedule, type RetrySchedule } from './scheduler/retry-schedule.js';
import { TaskSet, WakeTimer } from './scheduler/wake-timer.js';

/** Options of {@link createSender}. */
export interface SenderOptions {
  store: Store;
  transport: Transport;
  /** Our name: the Reporting-MTA of our DSNs. */
  hostname: string;
  clock?: Clock;
  schedule?: Partial<RetrySchedule>;
  /** Transactions at once: in all (default 20) and to one destination domain (default 4). */
  concurrency?: { total?: number; perDomain?: number };
  /** After how long a message still waiting gets a "delayed" DSN, sent once (default 4 h); null for none. */
  dsn?: { warnAfterMs?: number | null };
  /** Whether an address is ours (bounces to it are filed locally). Default: none is. */
  isLocal?: (address: string) => Promise<boolean> | boolean;
  /** Files a bounce for a local sender (the deliverer). */
  deliverLocal: (mailFrom: string, rcptTo: string[], raw: Buffer) => Promise<void>;
  /** Largest message taken, in octets (default 25 MiB). */
  maxMessageBytes?: number;
  logger?: Logger;
}

/**
 * The outbound MTA's engine: a durable queue in the store's records and a scheduler that hands
 * each due recipient to the transport, one transaction per destination domain, within global and
 * per-domain concurrency limits, retrying on a back-off schedule, warning once and bouncing to the
 * envelope sender (never to `<>`).
 *
 * **Crash safety.** After a transaction the per-recipient verdicts are written (synced) before
 * anything else: events, bounces, removal. After a crash nothing is lost (the entry still says
 * `queued`/`deferred`, and on restart it is tried again) and nothing the remote accepted is sent
 * again — except in one window: between the remote's 250 after DATA and the resolution of our
 * synced write. A crash there sends those recipients again on restart (at-least-once), as every
 * MTA does (RFC 5321 §6.1 tolerates duplicates, never losses). Bounces and warnings likewise may
 * go out twice if the process dies between sending them and recording that they went.
 *
 * @example
 * const sender = createSender({ store, transport: mxTransport({ hostname }), hostname, deliverLocal });
 * sender.start();
 * await sender.enqueue({ mailFrom: 'a@example.com', rcptTo: ['b@example.org'], source, reason: 'submission' });
 */
export class Sender extends TypedEmitter<SenderEvents> implements OutboundQueue {
  readonly #records: QueueRecords;
  readonly #transport: Transport;
  readonly #hostname: string;
  readonly #clock: Clock;
  readonly #schedule: RetrySchedule;
  readonly #warnAfterMs: number | null;
  readonly #limiter: ConcurrencyLimiter;
  readonly #route: NoticeRoute;
  readonly #maxMessageBytes: number;
  readonly #logger: Logger;
  readonly #tasks = new TaskSet();
  readonly #timer: WakeTimer;
  /** Every queued entry, by id: the records are written through, this is read. */
  #entries: Map<string, QueueEntry> | null = null;
  #loading: Promise<Map<string, QueueEntry>> | null = null;
  /** `${id} ${domain}` of the transactions running. */
  readonly #inFlight = new Set<string>();
  /** Per entry, the tail of its chain of state changes (one at a time per entry). */
  readonly #locks = new Map<string, Promise<unknown>>();
  #started = false;

  constructor(options: SenderOptions) {
    super();
    this.#records = new QueueRecords(options.store.records);
    this.#transport = options.transport;
    this.#hostname = options.hostname;
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#schedule = retrySchedule(options.schedule);
    this.#warnAfterMs = options.dsn?.warnAfterMs === undefined ? DEFAULT_WARN_AFTER_MS : options.dsn.warnAfterMs;
    this.#limiter = new ConcurrencyLimiter({ total: options.concurrency?.total ?? 20, perDomain: options.concurrency?.perDomain ?? 4 });
    const isLocal = options.isLocal ?? (() => false);
    this.#route = { isLocal, deliverLocal: options.deliverLocal, enqueue: (message) => this.enqueue(message) };
    this.#maxMessageBytes = options.maxMessageBytes ?? 25 * 1024 * 1024;
    this.#logger = options.logger ?? silentLogger;
    this.#timer = new WakeTimer(this.#clock, () => this.#dispatch());
  }

  /** Resolves once the message (body, then entry) is durable; with the scheduler started, delivery begins at once. */
  async enqueue(message: OutboundMessage): Promise<QueuedMessage> {
    const source = toMessageSource(message.source);
    if (source.size > this.#maxMessageBytes) {
      throw new PosthouseError(ErrorCodes.QUEUE_MESSAGE_TOO_LARGE, `A message of ${source.size} octets is larger than the queue takes (${this.#maxMessageBytes})`);
    }
    const entries = await this.#load();
    const now = this.#clock.now();
    const entry = newEntry({
      id: this.#records.newId(now),
      mailFrom: message.mailFrom,
      rcptTo: message.rcptTo,
      reason: message.reason,
      account: message.account ?? null,
      size: source.size,
      dsn: message.dsn ?? null,
      now,
      maxAgeMs: this.#schedule.maxAgeMs,
    });
    await this.#records.create(entry, await source.buffer());
    entries.set(entry.id, entry);
    if (this.#started) this.#dispatch();
    return summarize(entry);
  }

  /** Every queued message with its state, oldest first. */
  async list(): Promise<QueueSummary[]> {
    return [...(await this.#load()).values()].map(summarize);
  }

  /** One queued message with its recipients and attempt history; rejects `QUEUE_MESSAGE_NOT_FOUND`. */
  async show(id: string): Promise<QueueEntry> {
    return this.#get(await this.#load(), id);
  }

  async read(id: string): Promise<MessageSource> {
    this.#get(await this.#load(), id);
    return this.#records.body(id);
  }

  /** Makes every waiting recipient of the message due now (and releases nothing held). */
  async retryNow(id: string): Promise<QueueSummary> {
    return this.#change(id, (entry) => dueNow(entry, this.#clock.now()));
  }

  /** Keeps the message queued without trying it until {@link release}; a transaction in flight finishes. */
  async hold(id: string): Promise<QueueSummary> {
    return this.#change(id, (entry) => ({ ...entry, held: true }));
  }

  async release(id: string): Promise<QueueSummary> {
    return this.#change(id, (entry) => ({ ...entry, held: false }));
  }

  /** Deletes the message from the queue, without a bounce; a transaction in flight finishes, its verdicts are dropped. */
  async remove(id: string): Promise<void> {
    const entries = await this.#load();
    this.#get(entries, id);
    await this.#locked(id, async () => {
      await this.#records.remove(id);
      entries.delete(id);
    });
  }

  /** Starts the scheduler: what is due goes now (including what was in flight when the process last stopped), the rest at its time. */
  start(): void {
    this.#started = true;
    this.#dispatch();
  }

  /**
   * Stops taking up work and lets transactions in flight finish, for at most `graceMs` (default
   * 10 s; one cut short stays queued and is tried again after restart), then closes the transport.
   */
  async stop(options: { graceMs?: number } = {}): Promise<void> {
    this.#started = false;
    this.#timer.disarm();
    if (this.#tasks.size > 0) {
      const grace = new AbortController();
      await Promise.race([this.#tasks.idle(), sleep(options.graceMs ?? 10_000, undefined, { signal: grace.signal }).catch(() => {})]);
      grace.abort();
    }
    await this.#transport.close();
  }

  /**
   * Runs everything due at the clock's time — transactions, warnings, bounces — and resolves
   * once all of it is done. With a manual clock a test runs a whole schedule without sleeping.
   */
  async runDue(): Promise<void> {
    await this.#load();
    this.#dispatchNow();
    await this.#tasks.idle();
  }

  #dispatch(): void {
    this.#tasks.run(
      async () => {
        await this.#load();
        if (this.#started) this.#dispatchNow();
      },
      (error) => this.#logger.error({ err: error }, 'queue load failed'),
    );
  }

  /** Starts the due work of every entry, then re-arms the timer for the next. */
  #dispatchNow(): void {
    const entries = this.#entries!;
    const now = this.#clock.now();
    for (const entry of entries.values()) {
      if (entry.recipients.some((recipient) => recipient.status === 'failed' && !recipient.notified) || isFinished(entry)) this.#task(entry.id, () => this.#settle(entry.id));
      if (this.#warningDue(entry, now)) this.#task(entry.id, () => this.#warn(entry.id));
      for (const [domain, recipients] of dueByDomain(entry, now)) {
        const key = `${entry.id} ${domain}`;
        if (this.#inFlight.has(key)) continue;
        this.#inFlight.add(key);
        this.#task(entry.id, () => this.#transaction(entry.id, domain, recipients).finally(() => this.#inFlight.delete(key)));
      }
    }
    this.#arm();
  }

  #task(id: string, work: () => Promise<void>): void {
    this.#tasks.run(work, (error) => this.#logger.error({ err: error, queueId: id }, 'queue work failed; tried again later'));
  }

  /** Arms the timer for the earliest due time of a recipient not in flight, or of a warning. */
  #arm(): void {
    if (!this.#started) return;
    let earliest: number | null = null;
    for (const entry of this.#entries!.values()) {
      const pending = entry.recipients.filter((recipient) => isPending(recipient) && !this.#inFlight.has(`${entry.id} ${domainOf(recipient.address)}`));
      const due = nextDueAt({ ...entry, recipients: pending });
      const warnAt = this.#warnAfterMs === null || entry.warnedAt !== null || !pending.some((recipient) => recipient.status === 'deferred') ? null : Date.parse(entry.createdAt) + this.#warnAfterMs;
      for (const at of [due, warnAt]) if (at !== null && (earliest === null || at < earliest)) earliest = at;
    }
    this.#timer.arm(earliest);
  }

  /** One transaction: the due recipients of one domain in one `transport.send`; the verdicts are synced before anything else. */
  async #transaction(id: string, domain: string, recipients: string[]): Promise<void> {
    const release = await this.#limiter.acquire(domain);
    const attempted = await this.#attempt(id, domain, recipients).finally(release);
    if (attempted === null) return;
    const changes = await this.#locked(id, async () => {
      const current = this.#entries!.get(id);
      if (current === undefined) return [];
      const applied = applyAttempt(current, attempted.results, this.#clock.now(), this.#schedule);
      await this.#records.save(applied.entry);
      this.#entries!.set(id, applied.entry);
      return applied.changes;
    });
    for (const change of changes) this.#emitChange(attempted.entry, change);
    if (changes.some((change) => change.status !== 'deferred')) await this.#settle(id);
    this.#arm();
  }

  /** Sends, unless the entry went (removed) or is held meanwhile; null then. */
  async #attempt(id: string, domain: string, recipients: string[]): Promise<{ entry: QueueEntry; results: RecipientAttempt[] } | null> {
    const entry = this.#entries!.get(id);
    if (entry === undefined || entry.held) return null;
    const source = await this.#records.body(id);
    const results = await this.#send({ mailFrom: entry.mailFrom, recipients, domain, source, ...(entry.dsn === null ? {} : { dsn: entry.dsn }) });
    return { entry, results };
  }

  /** The transport's verdicts, with every recipient answered: a throwing transport or a missing verdict is a deferral. */
  async #send(attempt: Parameters<Transport['send']>[0]): Promise<RecipientAttempt[]> {
    let results: RecipientAttempt[] = [];
    let problem = 'the transport gave no verdict';
    try {
      results = await this.#transport.send(attempt);
    } catch (error) {
      problem = `the transport failed: ${error instanceof Error ? error.message : String(error)}`;
      this.#logger.warn({ err: error, domain: attempt.domain }, 'transport failed');
    }
    const answered = new Set(results.map((result) => result.recipient));
    const missing = attempt.recipients.filter((recipient) => !answered.has(recipient));
    return [...results, ...missing.map((recipient): RecipientAttempt => ({ recipient, status: 'deferred', responseCode: null, enhancedCode: '4.3.0', reply: problem, remoteHost: null }))];
  }

  #emitChange(entry: QueueEntry, change: RecipientChange): void {
    const event = { queueId: entry.id, mailFrom: entry.mailFrom, recipient: change.recipient, ...change.reply };
    if (change.status === 'delivered') this.emit('delivered', event);
    else if (change.status === 'deferred') this.emit('deferred', { ...event, nextAttemptAt: change.nextAttemptAt! });
    else this.emit('failed', { ...event, expired: change.expired });
  }

  /** Bounces the failures not yet told (one DSN for them), then drops the entry once nothing is left to do. */
  async #settle(id: string): Promise<void> {
    await this.#locked(id, async () => {
      let entry = this.#entries!.get(id);
      if (entry === undefined) return;
      const untold = entry.recipients.filter((recipient) => recipient.status === 'failed' && !recipient.notified);
      if (untold.length > 0) {
        const destination = await this.#notice('failed', entry, untold);
        if (destination === null) return;
        entry = markNotified(entry, new Set(untold.map((recipient) => recipient.address)));
        for (const recipient of untold) {
          this.emit('bounce', { queueId: id, mailFrom: entry.mailFrom, recipient: recipient.address, status: noticeStatus(recipient, 'failed'), diagnostic: diagnosticOf(recipient), remoteHost: recipient.lastReply?.remoteHost ?? null, origin: 'local' });
        }
      }
      if (isFinished(entry)) {
        await this.#records.remove(id);
        this.#entries!.delete(id);
      } else {
        await this.#records.save(entry);
        this.#entries!.set(id, entry);
      }
    });
  }

  #warningDue(entry: QueueEntry, now: Date): boolean {
    return this.#warnAfterMs !== null && entry.warnedAt === null && now.getTime() - Date.parse(entry.createdAt) >= this.#warnAfterMs && entry.recipients.some((recipient) => recipient.status === 'deferred');
  }

  /** The "delayed" DSN, once per message, for the recipients still deferred. */
  async #warn(id: string): Promise<void> {
    await this.#locked(id, async () => {
      const entry = this.#entries!.get(id);
      if (entry === undefined || !this.#warningDue(entry, this.#clock.now())) return;
      const destination = await this.#notice('delayed', entry, entry.recipients.filter((recipient) => recipient.status === 'deferred'));
      if (destination === null) return;
      const warned = { ...entry, warnedAt: this.#clock.now().toISOString() };
      await this.#records.save(warned);
      this.#entries!.set(id, warned);
    });
  }

  /** Sends a DSN; null when it could not go now (tried again at the next pass). A local sender that refuses it permanently gets none. */
  async #notice(action: 'failed' | 'delayed', entry: QueueEntry, recipients: QueueEntry['recipients']): Promise<string | null> {
    try {
      const original = await this.#records.body(entry.id);
      return await sendNotice({ action, entry, recipients, original, reportingMta: this.#hostname, now: this.#clock.now(), route: this.#route });
    } catch (error) {
      if (error instanceof SmtpError && !error.temporary) {
        this.#logger.warn({ queueId: entry.id, mailFrom: entry.mailFrom, reply: error.toString() }, `the ${action} notice was refused by its local recipient; dropped`);
        return 'none';
      }
      this.#logger.error({ err: error, queueId: entry.id }, `the ${action} notice could not be sent; tried again later`);
      return null;
    }
  }

  async #change(id: string, change: (entry: QueueEntry) => QueueEntry): Promise<QueueSummary> {
    const entries = await this.#load();
    this.#get(entries, id);
    const changed = await this.#locked(id, async () => {
      const next = change(this.#get(entries, id));
      await this.#records.save(next);
      entries.set(id, next);
      return next;
    });
    if (this.#started) this.#dispatch();
    return summarize(changed);
  }

  #get(entries: Map<string, QueueEntry>, id: string): QueueEntry {
    const entry = entries.get(id);
    if (entry === undefined) throw new PosthouseError(ErrorCodes.QUEUE_MESSAGE_NOT_FOUND, `No queued message ${JSON.stringify(id)}`);
    return entry;
  }

  /** Runs `work` after the entry's earlier changes: read-modify-write of one entry never interleaves. */
  #locked<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.catch(() => {});
    this.#locks.set(id, tail);
    void tail.then(() => {
      if (this.#locks.get(id) === tail) this.#locks.delete(id);
    });
    return result;
  }

  #load(): Promise<Map<string, QueueEntry>> {
    this.#loading ??= this.#records.loadAll(this.#clock.now(), this.#schedule.maxAgeMs).then(
      (loaded) => (this.#entries = new Map(loaded.map((entry) => [entry.id, entry]))),
      (error: unknown) => {
        this.#loading = null;
        throw error;
      },
    );
    return this.#loading;
  }
}

/**
 * Creates the sender (issue 5's seam): see {@link Sender}.
 *
 * @example
 * const sender = createSender({ store, transport: sandboxTransport(), hostname: 'mx.example.com', deliverLocal: async () => {} });
 */
export function createSender(options: SenderOptions): Sender {
  return new Sender(options);
}
