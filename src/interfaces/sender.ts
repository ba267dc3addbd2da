import type { MessageSource } from './message.js';

/** What became of one recipient in one delivery attempt (RFC 3464 §2.3.3 actions). */
export interface RecipientAttempt {
  recipient: string;
  /** `delivered`: the remote said 250; `deferred`: try again later (4xx, network); `failed`: permanent (5xx, null MX, no host). */
  status: 'delivered' | 'deferred' | 'failed';
  /** The remote's reply code, or null when no reply came (DNS, connection). */
  responseCode: number | null;
  /** Enhanced status code (RFC 3463) from the reply, or one we chose (e.g. `4.4.1` no answer from host). */
  enhancedCode: string | null;
  /** The remote's reply text, or our diagnostic. */
  reply: string;
  /** The host that answered, when one did. */
  remoteHost: string | null;
}

/** One transaction to one destination domain: the recipients share a connection and a DATA. */
export interface TransportAttempt {
  /** The reverse-path; empty for the null sender. */
  mailFrom: string;
  /** Recipients, all of `domain`. */
  recipients: string[];
  domain: string;
  source: MessageSource;
  /** DSN parameters to pass on (RFC 3461): RET, ENVID, NOTIFY/ORCPT per recipient. */
  dsn?: { ret?: 'FULL' | 'HDRS'; envid?: string };
  /** Whether the message needs SMTPUTF8 (a UTF-8 address or header). */
  smtpUtf8?: boolean;
}

/**
 * How the sender reaches other servers: by MX (the default), through a smart host, or nowhere at
 * all (the sandbox of test servers, which captures what would have been sent). Each call answers
 * per recipient and never throws for a remote's refusal or a network failure.
 */
export interface Transport {
  send(attempt: TransportAttempt): Promise<RecipientAttempt[]>;
  /** Closes pooled connections. */
  close(): Promise<void>;
}

/** DNS look-ups the sender needs; node's resolver by default, a map or a local server in tests. */
export interface MailResolver {
  resolveMx(domain: string): Promise<Array<{ exchange: string; priority: number }>>;
  resolve4(hostname: string): Promise<string[]>;
  resolve6(hostname: string): Promise<string[]>;
  resolveTxt(name: string): Promise<string[][]>;
}

/** A clock the queue's schedule reads; injectable so tests run retries instantly. */
export interface Clock {
  now(): Date;
}
