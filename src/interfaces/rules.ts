/**
 * The rules contract: what both front ends (Sieve, typed TypeScript rules) produce, and what the
 * engine returns. The action and implicit-keep shapes are those of `../shared/sieve/README.md`, so
 * results compare directly with Dovecot Pigeonhole's.
 */

/** A position in a script: 1-based line and column. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A compile or runtime problem, with where it is. */
export interface RuleDiagnostic {
  severity: 'error' | 'warning';
  message: string;
  position: SourcePosition | null;
}

/** `fileinto` or (explicit or implicit) keep: store into a mailbox. */
export interface StoreAction {
  type: 'store';
  mailbox: string;
  /** System flags lower-cased (`\\seen`), keywords keep their case; sorted. */
  flags: string[];
  copy: boolean;
  /** `fileinto :create` (RFC 5490 mailbox extension). */
  create?: boolean;
}

export interface RedirectAction {
  type: 'redirect';
  address: string;
  copy: boolean;
}

export interface RejectAction {
  type: 'reject';
  reason: string;
  /** `ereject` (RFC 5429 §2.1): refuse at SMTP time when possible. */
  smtp?: boolean;
}

export interface DiscardAction {
  type: 'discard';
}

export interface VacationAction {
  type: 'vacation';
  seconds: number;
  subject?: string;
  from?: string;
  handle?: string;
  reason: string;
  /** Whether `reason` is a MIME entity (`:mime`). */
  mime?: boolean;
  /** Set when no reply will be sent: why (mailing list, auto-submitted, recipient not addressed, null sender, already answered). */
  suppressed?: string;
}

/** An editheader change, applied to this recipient's copy (RFC 5293). */
export interface HeaderEditAction {
  type: 'addheader' | 'deleteheader';
  name: string;
  value?: string;
  last?: boolean;
  /** For deleteheader: the index (`:index`) and value patterns, as evaluated. */
  index?: number;
  valuePatterns?: string[];
}

/** Marks the message as junk: filed into the account's Junk mailbox by the deliverer. */
export interface JunkAction {
  type: 'junk';
}

/** One action the deliverer carries out. */
export type RuleAction = StoreAction | RedirectAction | RejectAction | DiscardAction | VacationAction | HeaderEditAction | JunkAction;

/** One step of the explanation: which test matched which part, which action came from which line. */
export interface TraceEntry {
  position: SourcePosition | null;
  /** The rule set it comes from: `global`, `personal`, or a typed rule's name. */
  origin: string;
  kind: 'test' | 'action' | 'stop' | 'note';
  /** e.g. `header :contains "subject" "invoice"` */
  description: string;
  /** For tests: whether it matched, and what it compared. */
  result?: boolean;
  matched?: { part: string; value: string; key: string };
}

/** What running the rules over one message for one recipient gives. */
export interface RulesResult {
  status: 'ok' | 'compile-error' | 'error';
  diagnostics: RuleDiagnostic[];
  actions: RuleAction[];
  implicit_keep: StoreAction | null;
  trace: TraceEntry[];
}

/** The envelope and environment a rule run sees. */
export interface RuleEnvironment {
  mailFrom: string;
  rcptTo: string;
  /** The original recipient before alias expansion, for `envelope "to"`; defaults to rcptTo. */
  originalRecipient?: string;
  /** The account the message is being filed for. */
  account: string;
  /** Now, injectable for `currentdate` and vacation intervals. */
  now: Date;
}

/**
 * Memory the rules need across messages, kept in the store by the deliverer's side:
 * vacation's per-sender interval (RFC 5230 §4.2) and duplicate's seen ids (RFC 7352).
 */
export interface RuleMemory {
  /** Whether `key` was recorded for `account` less than `seconds` before `now`. */
  seenWithin(account: string, kind: 'vacation' | 'duplicate', key: string, seconds: number, now: Date): Promise<boolean>;
  /** Records `key` for `account` at `now`. */
  record(account: string, kind: 'vacation' | 'duplicate', key: string, now: Date): Promise<void>;
}

/** What the engine may ask of the outside while it runs. */
export interface RuleServices {
  memory: RuleMemory;
  /** For `mailboxexists` (RFC 5490) and `fileinto` without `:create`. */
  mailboxExists(account: string, mailbox: string): Promise<boolean>;
  /** The account's own addresses (vacation `:addresses` defaults include them). */
  addressesOf(account: string): Promise<string[]>;
}
