import { hostname as osHostname } from 'node:os';
import { silentLogger } from './core/logger.js';
import { TypedEmitter } from './core/typed-emitter.js';
import { Deliverer } from './deliverer/deliverer.js';
import type { SummaryOptions } from './deliverer/indexer.js';
import { createDirectory } from './directory/index.js';
import type { Directory } from './interfaces/directory.js';
import type { FilingHook } from './interfaces/delivery.js';
import type { MailEvents } from './interfaces/events.js';
import type { Logger } from './interfaces/logger.js';
import type { Store } from './interfaces/store.js';
import { Receiver, type ReceiverLimits } from './receiver/index.js';
import { ImapServer } from './access/imap/server/imap-server.js';
import type { ImapLimits } from './access/imap/limits.js';
import { Pop3Server, type Pop3Limits } from './access/pop3/index.js';
import { memoryStore } from './store/index.js';
import { ManageSieveServer } from './access/managesieve/index.js';
import { createRulesRole, type DeliveryExplanation, type RulesOptions, type RulesRole } from './deliverer/rules/index.js';
import type { ScriptStore } from './rules/scripts/index.js';
import { SIEVE_CAPABILITIES } from './rules/index.js';
import { bufferSource } from './core/message-source.js';
import { domainOf } from './sender/queue/queue-entry.js';
import { createSender, type Sender } from './sender/index.js';
import { senderTransport, type SenderServerOptions } from './sender/server-sender.js';
import { DkimKeys, dkimSigningQueue } from './sender/dkim/index.js';
import { SenderRewriting, srsRewritingQueue } from './sender/srs-rewriting.js';
import { SubmissionAgent, type SenderPolicy } from './deliverer/submission/index.js';
import type { OutboundQueue } from './interfaces/queue.js';
import { createHttpApi, type HttpApi } from './access/http/index.js';
import { mountWebhookDownloads, Webhooks, type WebhookOptions } from './access/webhooks/index.js';

/** A TLS key pair in PEM. */
export interface TlsCredentials {
  key: string | Buffer;
  cert: string | Buffer;
}

/** Where a listener binds. Port 0 picks a free port. */
export interface ListenerOptions {
  port?: number;
  host?: string;
}

/** The SMTP (inbound MTA) listener. */
export interface SmtpListenerOptions extends ListenerOptions {
  limits?: Partial<ReceiverLimits>;
  /** `reject` (default) closes the session with 521 5.5.2 on a bare CR or LF in DATA; `normalize` converts them to CRLF. */
  bareLineEndings?: 'reject' | 'normalize';
  /** Allow AUTH without TLS. For test suites only. */
  allowInsecureAuth?: boolean;
}

/**
 * A message submission listener (RFC 6409 port 587 with STARTTLS, RFC 8314 port 465 with TLS):
 * AUTH (PLAIN, LOGIN) only after TLS, MAIL only after AUTH, and mail to other domains queued
 * for the sender, DKIM-signed when its From domain has a key.
 */
export interface SubmissionListenerOptions extends ListenerOptions {
  /** `own` (default): envelope sender and header From must be the user's addresses or aliases (else 553 5.7.1); `any`: no check. */
  senderPolicy?: SenderPolicy;
  /** File a copy of each submitted message into the sender's Sent mailbox (default false: the client does). */
  saveSent?: boolean;
  /** Allow AUTH without TLS. For test suites only. */
  allowInsecureAuth?: boolean;
  limits?: Partial<ReceiverLimits>;
}

/** The IMAP listeners (RFC 9051): plain with STARTTLS, and implicit TLS when `imaps` is set. */
export interface ImapListenerOptions extends ListenerOptions {
  /** The implicit-TLS listener (port 993); needs `tls`. */
  imaps?: ListenerOptions;
  /** Allow LOGIN and AUTHENTICATE PLAIN/LOGIN without TLS. For test suites only. */
  allowInsecureAuth?: boolean;
  limits?: Partial<ImapLimits>;
}

/** The POP3 listeners (RFC 1939): plain with STLS, and implicit TLS when `pop3s` is set. */
export interface Pop3ListenerOptions extends ListenerOptions {
  /** The implicit-TLS listener (POP3S, port 995); needs `tls`. */
  pop3s?: ListenerOptions;
  /** Allow USER/PASS and AUTH PLAIN without TLS. For test suites only. */
  allowInsecureAuth?: boolean;
  limits?: Partial<Pop3Limits>;
}

/** The ManageSieve listener (RFC 5804), for Sieve editors of mail clients. */
export interface ManageSieveListenerOptions extends ListenerOptions {
  /** Allow AUTHENTICATE without TLS. For test suites and loopback development only. */
  allowInsecureAuth?: boolean;
}

/** The HTTP API listener (REST API, live events, metrics). */
export interface HttpListenerOptions extends ListenerOptions {
  /** False opens the API without credentials (server scope): test servers only. Default true. */
  requireAuth?: boolean;
  /** Allow Basic auth with account passwords over plain HTTP. Development only. */
  allowInsecureAuth?: boolean;
  /** Largest JSON body taken (default 2 MiB). */
  maxBodyBytes?: number;
  /** Serve the web inbox at `/` (default true); false turns it off. */
  inbox?: boolean;
}

/** Options of {@link createMailServer}. */
export interface MailServerOptions {
  /** The name the server gives in its greeting and trace headers. Default: the host name. */
  hostname?: string;
  /** Default: {@link memoryStore}. The server opens and closes it. */
  store?: Store;
  /** The inbound SMTP listener, or false for none. Default: port 25 on 127.0.0.1. */
  smtp?: SmtpListenerOptions | false;
  /** The submission listener with STARTTLS (port 587), or false/absent for none. */
  submission?: SubmissionListenerOptions | false;
  /** The submission listener with implicit TLS (port 465), or false/absent for none; needs `tls`. */
  submissions?: SubmissionListenerOptions | false;
  /** The IMAP listener, or false/absent for none. */
  imap?: ImapListenerOptions | false;
  /** The POP3 listener, or false/absent for none. */
  pop3?: Pop3ListenerOptions | false;
  /** Key and certificate for STARTTLS. */
  tls?: TlsCredentials;
  directory?: {
    /** Sub-address separator (RFC 5233), default `+`; null turns sub-addressing off. */
    subaddressSeparator?: string | null;
    caseSensitiveLocalPart?: boolean;
    /** Accept mail for any address, each an account of its own (test servers). */
    acceptAll?: boolean;
  };
  /** Filing stages run for each recipient before the rules and the default INBOX. */
  hooks?: FilingHook[];
  /** Sieve rules: global and per-account scripts run at delivery (default on); false turns them off. */
  rules?: RulesOptions | false;
  /** The ManageSieve listener (default port 4190), or false/absent for none. Needs `rules`. */
  managesieve?: ManageSieveListenerOptions | false;
  /**
   * The HTTP API's own listener (default port 8025), or false/absent for none. The API is served
   * by `server.http.fetch` and `server.http.nodeHandler` either way; these options also set its auth.
   */
  http?: HttpListenerOptions | false;
  /**
   * Parse and record a summary with each delivered copy: on a worker thread (`true` or
   * `'worker'`, the default), on the main thread (`'inline'`, for bundles that cannot ship the
   * worker's file), or not at all (`false`). `{ mode, imap: true }` also renders IMAP's ENVELOPE
   * and BODYSTRUCTURE at delivery, for mail mostly read over IMAP; by default the IMAP server
   * renders them at the first FETCH that needs them.
   */
  summaries?: boolean | 'worker' | 'inline' | SummaryOptions;
  /**
   * Inbound webhooks (docs/inbound-webhooks.md): routes that POST mail to a URL, managed in code
   * here or at `/api/webhooks`. On by default with no routes; false turns the role off.
   */
  webhooks?: WebhookOptions | false;
  /**
   * How queued mail leaves (issue 5): by MX, a smart host, the sandbox or a transport of your own,
   * with its retry schedule and limits. Absent or false: mail is queued durably but nothing is sent.
   */
  sender?: SenderServerOptions | false;
  logger?: Logger;
}

/** Where the listeners of a running server are. */
export interface MailServerAddresses {
  smtp: { host: string; port: number } | null;
  submission?: { host: string; port: number } | null;
  submissions?: { host: string; port: number } | null;
  imap?: { host: string; port: number } | null;
  imaps?: { host: string; port: number } | null;
  pop3?: { host: string; port: number } | null;
  pop3s?: { host: string; port: number } | null;
  managesieve?: { host: string; port: number } | null;
  http?: { host: string; port: number } | null;
}

/**
 * A whole mail server wired from its roles: store, directory, deliverer and receiver. It re-emits
 * their events (`received`, `delivered`, `rejected`).
 */
export class MailServer extends TypedEmitter<MailEvents> {
  readonly store: Store;
  readonly directory: Directory;
  readonly deliverer: Deliverer;
  readonly receiver: Receiver | null;
  /** The submission listeners (STARTTLS and implicit TLS); null when not configured. */
  readonly submission: Receiver | null;
  readonly submissions: Receiver | null;
  /** The DKIM keys per local domain; outbound mail whose From domain has one is signed. */
  readonly dkim: DkimKeys;
  /** The Sender Rewriting Scheme of forwarded mail: its domain, its secret, and the bounce addresses it takes back. */
  readonly srs: SenderRewriting;
  readonly imap: ImapServer | null;
  readonly pop3: Pop3Server | null;
  /** Sieve scripts per account and global ones; null with `rules: false`. */
  readonly rules: ScriptStore | null;
  /** The sender: its durable queue (submissions, redirects, vacation replies, bounces) and delivery. */
  readonly queue: Sender;
  readonly #sendsMail: boolean;
  readonly managesieve: ManageSieveServer | null;
  /** The HTTP API: mount it with `fetch` or `nodeHandler`, or give `http` options for its own listener. */
  readonly http: HttpApi;
  /** Inbound webhooks: routes, durable queue, dispatcher; null with `webhooks: false`. */
  readonly webhooks: Webhooks | null;
  readonly #httpOptions: HttpListenerOptions | null;
  readonly #rulesRole: RulesRole | null;
  readonly #managesieveOptions: ManageSieveListenerOptions | null;
  readonly #pop3Options: Pop3ListenerOptions | null;
  readonly #logger: Logger;
  #addresses: MailServerAddresses = { smtp: null };

  constructor(options: MailServerOptions = {}) {
    super();
    const hostname = options.hostname ?? osHostname();
    this.#logger = options.logger ?? silentLogger;
    this.store = options.store ?? memoryStore();
    this.directory = createDirectory({ records: this.store.records, store: this.store, ...options.directory });
    const sender = options.sender || { paused: true };
    this.#sendsMail = sender.paused !== true;
    const isLocalDomain = (address: string): Promise<boolean> => this.directory.isLocalDomain(domainOf(address));
    this.srs = new SenderRewriting({
      domain: sender.srs?.domain ?? hostname,
      ...(sender.srs?.secret === undefined ? {} : { secret: sender.srs.secret }),
      records: this.store.records,
      isLocal: isLocalDomain,
      ...(sender.clock ? { now: () => sender.clock!.now() } : {}),
    });
    this.queue = createSender({
      store: this.store,
      transport: senderTransport(sender, hostname, this.#logger),
      hostname,
      ...(sender.clock ? { clock: sender.clock } : {}),
      ...(sender.schedule ? { schedule: sender.schedule } : {}),
      ...(sender.concurrency ? { concurrency: sender.concurrency } : {}),
      ...(sender.dsn ? { dsn: sender.dsn } : {}),
      // a bounce of forwarded mail goes to the deliverer, which passes it back through SRS
      isLocal: (address) => this.srs.isReturnPath(address) || isLocalDomain(address),
      deliverLocal: async (mailFrom, rcptTo, raw) => {
        const session = { id: 'sender', remoteAddress: '127.0.0.1', heloName: hostname, secure: true, authenticatedUser: null };
        await this.deliverer.deliver({ id: `bounce-${Date.now().toString(36)}`, mailFrom, rcptTo, receivedAt: new Date(), session }, bufferSource(raw), { ownNotice: true });
      },
      logger: this.#logger,
    });
    this.dkim = new DkimKeys(this.store.records);
    const outbound = srsRewritingQueue(dkimSigningQueue(this.queue, this.dkim, { logger: this.#logger }), this.srs);
    this.#rulesRole = options.rules === false ? null : createRulesRole({ store: this.store, hostname, logger: this.#logger }, options.rules ?? {});
    this.rules = this.#rulesRole?.scripts ?? null;
    this.#managesieveOptions = (this.rules !== null && options.managesieve) || null;
    this.managesieve =
      this.#managesieveOptions === null || this.rules === null
        ? null
        : new ManageSieveServer({
            scripts: this.rules,
            extensions: SIEVE_CAPABILITIES,
            authenticate: async (username, password) => (await this.directory.authenticate(username, password))?.address ?? null,
            host: this.#managesieveOptions.host ?? '127.0.0.1',
            port: this.#managesieveOptions.port ?? 4190,
            ...(options.tls ? { tls: options.tls } : {}),
            allowInsecureAuth: this.#managesieveOptions.allowInsecureAuth ?? false,
            logger: this.#logger,
          });
    this.deliverer = new Deliverer({
      store: this.store,
      directory: this.directory,
      hooks: [...(options.hooks ?? []), ...(this.#rulesRole ? [this.#rulesRole.hook] : [])],
      outbound,
      returnPaths: (address) => this.srs.reverse(address),
      summaries: options.summaries ?? true,
      logger: this.#logger,
    });
    this.webhooks =
      options.webhooks === false
        ? null
        : new Webhooks(options.webhooks ?? {}, {
            records: this.store.records,
            logger: this.#logger,
            apiUrl: () => (this.#addresses.http ? `http://${this.#addresses.http.host}:${this.#addresses.http.port}` : null),
          });
    this.receiver =
      options.smtp === false
        ? null
        : new Receiver({
            agent: this.webhooks?.agent(this.deliverer) ?? this.deliverer,
            hostname,
            host: options.smtp?.host ?? '127.0.0.1',
            port: options.smtp?.port ?? 25,
            ...(options.tls ? { tls: options.tls } : {}),
            ...(options.smtp?.limits ? { limits: options.smtp.limits } : {}),
            bareLineEndings: options.smtp?.bareLineEndings ?? 'reject',
            allowInsecureAuth: options.smtp?.allowInsecureAuth ?? false,
            authenticate: async (username, password) => (await this.directory.authenticate(username, password))?.address ?? null,
            logger: this.#logger,
          });
    this.submission = this.#submissionReceiver(options, hostname, outbound, false);
    this.submissions = this.#submissionReceiver(options, hostname, outbound, true);
    const imap = options.imap;
    this.imap =
      imap === undefined || imap === false
        ? null
        : new ImapServer({
            store: this.store,
            directory: this.directory,
            hostname,
            logger: this.#logger,
            imap: { host: imap.host ?? '127.0.0.1', port: imap.port ?? 143 },
            imaps: imap.imaps === undefined ? false : { host: imap.imaps.host ?? imap.host ?? '127.0.0.1', port: imap.imaps.port ?? 993 },
            ...(options.tls ? { tls: options.tls } : {}),
            allowInsecureAuth: imap.allowInsecureAuth ?? false,
            ...(imap.limits ? { limits: imap.limits } : {}),
          });
    this.#pop3Options = options.pop3 || null;
    this.pop3 =
      this.#pop3Options === null
        ? null
        : new Pop3Server({
            store: this.store,
            directory: this.directory,
            hostname,
            ...(options.tls ? { tls: options.tls } : {}),
            allowInsecureAuth: this.#pop3Options.allowInsecureAuth ?? false,
            ...(this.#pop3Options.limits ? { limits: this.#pop3Options.limits } : {}),
            logger: this.#logger,
          });
    this.#httpOptions = options.http || null;
    this.http = createHttpApi({
      store: this.store,
      directory: this.directory,
      rules: this.rules,
      events: this,
      explainDelivery: (account, mailbox, uid) => this.explainDelivery(account, mailbox, uid),
      queue: this.queue,
      status: () => ({ hostname, listeners: { ...this.#addresses } }),
      requireAuth: this.#httpOptions?.requireAuth ?? true,
      allowInsecureAuth: this.#httpOptions?.allowInsecureAuth ?? false,
      ...(this.#httpOptions?.maxBodyBytes === undefined ? {} : { maxBodyBytes: this.#httpOptions.maxBodyBytes }),
      inbox: this.#httpOptions?.inbox ?? true,
      ...(this.webhooks === null ? {} : { webhooks: this.webhooks.routes }),
      logger: this.#logger,
    });
    if (this.webhooks !== null) mountWebhookDownloads(this.http.app, this.webhooks, this.#logger);
    this.http.metrics.track({
      sessionsOpen: () => ({ smtp: this.receiver?.openSessions ?? 0, imap: this.imap?.openSessions ?? 0, pop3: this.pop3?.openSessions ?? 0 }),
      queueDepth: async () => (await this.queue.list()).length,
    });
    this.deliverer.on('delivered', (event) => this.emit('delivered', event));
    this.deliverer.on('rejected', (event) => this.emit('rejected', event));
    this.deliverer.on('bounce', (event) => this.emit('bounce', event));
    this.receiver?.on('received', (event) => this.emit('received', event));
    this.receiver?.on('rejected', (event) => this.emit('rejected', event));
    this.queue.on('bounce', (event) => this.emit('bounce', event));
    for (const receiver of [this.submission, this.submissions]) {
      receiver?.on('received', (event) => this.emit('received', event));
      receiver?.on('rejected', (event) => this.emit('rejected', event));
    }
  }

  #submissionReceiver(options: MailServerOptions, hostname: string, outbound: OutboundQueue, implicitTls: boolean): Receiver | null {
    const listener = implicitTls ? options.submissions : options.submission;
    if (listener === undefined || listener === false) return null;
    const agent = new SubmissionAgent({
      local: this.deliverer,
      directory: this.directory,
      store: this.store,
      outbound,
      senderPolicy: listener.senderPolicy ?? 'own',
      saveSent: listener.saveSent ?? false,
      logger: this.#logger,
    });
    return new Receiver({
      agent,
      hostname,
      host: listener.host ?? '127.0.0.1',
      port: listener.port ?? (implicitTls ? 465 : 587),
      ...(options.tls ? { tls: options.tls } : {}),
      implicitTls,
      submission: true,
      ...(listener.limits ? { limits: listener.limits } : {}),
      allowInsecureAuth: listener.allowInsecureAuth ?? false,
      authenticate: async (username, password) => (await this.directory.authenticate(username, password))?.address ?? null,
      logger: this.#logger,
    });
  }

  /** The bound listeners; null before `listen()`. */
  get addresses(): MailServerAddresses {
    return this.#addresses;
  }

  /** Opens the store and starts every configured listener. */
  async listen(): Promise<MailServerAddresses> {
    await this.store.open();
    if (this.#sendsMail) this.queue.start();
    await this.webhooks?.start();
    this.#addresses = { smtp: this.receiver ? await this.receiver.listen() : null };
    if (this.submission !== null) this.#addresses.submission = await this.submission.listen();
    if (this.submissions !== null) this.#addresses.submissions = await this.submissions.listen();
    if (this.imap !== null) Object.assign(this.#addresses, await this.imap.listen());
    if (this.pop3 !== null && this.#pop3Options !== null) {
      const { host = '127.0.0.1', port = 110, pop3s } = this.#pop3Options;
      this.#addresses.pop3 = await this.pop3.listen({ host, port });
      this.#addresses.pop3s = pop3s === undefined ? null : await this.pop3.listen({ host: pop3s.host ?? host, port: pop3s.port ?? 995, implicitTls: true });
    }
    if (this.managesieve !== null) this.#addresses.managesieve = await this.managesieve.listen();
    if (this.#httpOptions !== null) this.#addresses.http = await this.http.listen({ host: this.#httpOptions.host ?? '127.0.0.1', port: this.#httpOptions.port ?? 8025 });
    return this.#addresses;
  }

  /**
   * Why a delivered copy landed where it did (the rules' explanation trace); null when no
   * rules ran for it, or it aged out.
   */
  async explainDelivery(account: string, mailbox: string, uid: number): Promise<DeliveryExplanation | null> {
    return this.#rulesRole?.explainDelivery(account, mailbox, uid) ?? null;
  }

  /**
   * Graceful stop: refuse new connections, let sessions in flight finish (within `graceMs`),
   * finish pending summaries and outbound transactions in flight, close the store.
   */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    await this.http.close();
    await this.receiver?.close({ graceMs: options.graceMs ?? 10_000 });
    await this.submission?.close({ graceMs: options.graceMs ?? 10_000 });
    await this.submissions?.close({ graceMs: options.graceMs ?? 10_000 });
    await this.imap?.close();
    await this.pop3?.close({ graceMs: options.graceMs ?? 10_000 });
    await this.managesieve?.close();
    await this.deliverer.idle();
    await this.queue.stop({ graceMs: options.graceMs ?? 10_000 });
    await this.webhooks?.stop();
    await this.store.close();
  }
}

/**
 * Assembles a mail server from its roles, on the embedded defaults where options are silent.
 *
 * @example
 * const server = createMailServer({ hostname: 'mx.example.com', store: levelStore({ path: './data' }), smtp: { port: 2525 } });
 * await server.listen();
 * await server.directory.addAccount('alice@example.com', { password: 's3cret', createDomain: true });
 */
export function createMailServer(options: MailServerOptions = {}): MailServer {
  return new MailServer(options);
}
