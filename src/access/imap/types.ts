/**
 * The IMAP server's internal contracts: what the wire parser produces, what a command handler
 * receives, and how it answers. One file per command implements {@link CommandHandler}.
 * RFC 9051 (IMAP4rev2) and RFC 3501 (IMAP4rev1).
 */
import type { Directory } from '../../interfaces/directory.js';
import type { Logger } from '../../interfaces/logger.js';
import type { MailboxStatus, Store } from '../../interfaces/store.js';

/**
 * Which non-synchronising literals a server takes (RFC 7888): `LITERAL+` of any size up to the
 * server's own limits, or `LITERAL-` of at most 4096 octets (larger ones must be synchronising).
 */
export type LiteralExtension = 'LITERAL+' | 'LITERAL-';

/** The session states of RFC 9051 §3. */
export type ImapState = 'not-authenticated' | 'authenticated' | 'selected' | 'logout';

/**
 * One parsed argument of a command line. Strings keep their bytes (quoted and literal alike);
 * `literal8` marks `~{n}` (RFC 3516 BINARY). An atom followed by `[` … `]` and an optional
 * `<offset.length>` (FETCH `BODY[HEADER.FIELDS (A B)]<0.100>`, response codes) is one atom token
 * with `section` holding the tokens inside the brackets and `partial` the range.
 */
export type ImapToken =
  | { type: 'atom'; value: string; section?: ImapToken[]; partial?: { offset: number; length: number | null } }
  | { type: 'string'; value: Buffer; literal: boolean; literal8?: boolean }
  | { type: 'number'; value: number }
  | { type: 'nil' }
  | { type: 'list'; items: ImapToken[] };

/** One complete command: `tag [UID] NAME args…`. */
export interface ImapCommand {
  tag: string;
  /** Upper-cased command name; for `UID FETCH` it is `FETCH` with `uid: true`. */
  name: string;
  uid: boolean;
  args: ImapToken[];
}

/** Response codes of RFC 9051 §7.1 and the extensions (`[TRYCREATE]`, `[APPENDUID 1 2]`, …), without brackets. */
export type ResponseCode = string;

/** How a command completes (RFC 9051 §7.1). */
export interface TaggedResult {
  status: 'OK' | 'NO' | 'BAD';
  code?: ResponseCode;
  text: string;
}

/** What is known of the mailbox a session has selected. */
export interface SelectedMailboxView {
  account: string;
  name: string;
  readOnly: boolean;
  uidValidity: number;
  /** UIDs in message-sequence order: `uids[seq - 1]` is the UID of sequence number seq. */
  readonly uids: readonly number[];
  /** Whether QRESYNC or CONDSTORE was enabled or used, so FETCH responses carry MODSEQ. */
  condstore: boolean;
  /** The UID of the first message without `\Seen` when the mailbox was selected, or null. */
  readonly firstUnseenUid: number | null;
  /** The sequence number of `uid` in this view, or null when the view does not hold it (binary search). */
  sequenceNumber(uid: number): number | null;
}

/**
 * A flag change the session made itself (STORE, FETCH setting `\Seen`): the change feed then does
 * not echo it back as an untagged FETCH. Pass what `store.updateFlags` resolved (`updated`).
 */
export interface OwnFlagChange {
  uid: number;
  modseq: number;
}

/**
 * The transitions of the session state machine (RFC 9051 §3), for the handlers of the
 * connection-level commands (LOGIN, SELECT, LOGOUT, STARTTLS, ENABLE…).
 */
export interface SessionControl {
  /** The capabilities to advertise now (they depend on TLS and on the state). */
  capabilities(): string[];
  /** not-authenticated → authenticated, as `account`. Refused (NO) when the account has too many sessions. */
  authenticate(account: string): void;
  /** Waits the growing per-failure delay and counts the failure; the session closes after too many. */
  authenticationFailed(): Promise<void>;
  /** Whether plaintext authentication (LOGIN, AUTHENTICATE PLAIN/LOGIN) is allowed on this connection now. */
  readonly plaintextAuthAllowed: boolean;
  /** Opens a view of `mailbox` (watching the change feed) and makes it the selected one; an earlier one is closed. */
  select(mailbox: MailboxStatus, readOnly: boolean): Promise<SelectedMailboxView>;
  /** Closes the selected view: selected → authenticated. */
  unselect(): void;
  /** Records an ENABLE'd capability (upper case). */
  enable(capability: string): void;
  /** Ends the session after the tagged reply: any state → logout. */
  logout(): void;
  /** Whether STARTTLS is possible now (TLS configured, not yet secure). */
  readonly canStartTls: boolean;
  /** Upgrades the connection once the tagged OK is out; buffered input from before is discarded. */
  startTlsAfterReply(): void;
  /** Whether COMPRESS=DEFLATE is already active on this connection (RFC 4978 §3). */
  readonly compressed: boolean;
  /** Starts DEFLATE on both directions once the tagged OK is out (RFC 4978 §3). */
  compressAfterReply(): void;
  /** Called whenever the selected mailbox changes (IDLE announces at once); null stops it. */
  setChangeListener(listener: (() => void) | null): void;
}

/** What a handler can use and do. */
export interface CommandContext {
  readonly store: Store;
  readonly directory: Directory;
  readonly logger: Logger;
  readonly state: ImapState;
  /** The authenticated account, once there is one. */
  readonly account: string | null;
  readonly selected: SelectedMailboxView | null;
  /** Capabilities enabled with ENABLE (RFC 5161): `CONDSTORE`, `QRESYNC`, `UTF8=ACCEPT`, `IMAP4REV2`. */
  readonly enabled: ReadonlySet<string>;
  /** Whether the connection is encrypted. */
  readonly secure: boolean;
  /** Sends one untagged response line (`* ` is added); strings are sent as given, Buffers as raw bytes (for literals). */
  untagged(...parts: Array<string | Buffer>): void;
  /** Sends a continuation request `+ text`. */
  continuation(text: string): void;
  /**
   * Delivers pending mailbox changes as untagged EXISTS/EXPUNGE/FETCH (VANISHED with QRESYNC).
   * The session calls it itself before every tagged reply, with `expunges: false` after FETCH,
   * STORE and SEARCH without UID (RFC 9051 §7.5.1), so handlers rarely need to. MOVE and
   * EXPUNGE call it with `expunges: true` to announce what they removed.
   */
  flushUpdates(options?: { expunges: boolean }): Promise<void>;
  /** Keeps the change feed from echoing this session's own flag changes (`.SILENT` STORE, implicit `\Seen`). */
  suppressFlagEcho(changes: readonly OwnFlagChange[]): void;
  /** Resolves once the client has taken what was written; await it between large responses (FETCH BODY[]). */
  drain(): Promise<void>;
  /**
   * Reads one line the client sends after a {@link continuation} (AUTHENTICATE responses, IDLE's
   * `DONE`), without its CRLF; null when the connection ended or the line was over the limit.
   */
  readLine(): Promise<Buffer | null>;
  /** State transitions, for the connection-level commands. */
  readonly session: SessionControl;
}

/** One IMAP command's implementation. */
export interface CommandHandler {
  readonly name: string;
  /** States in which the command is valid; elsewhere the session answers BAD. */
  readonly states: readonly ImapState[];
  /** Capabilities this command brings, advertised once authenticated (`MOVE`, `SORT`, `ESEARCH`…). */
  readonly capabilities?: readonly string[];
  handle(context: CommandContext, command: ImapCommand): Promise<TaggedResult>;
}
