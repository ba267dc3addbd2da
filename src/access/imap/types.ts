/**
 * The IMAP server's internal contracts: what the wire parser produces, what a command handler
 * receives, and how it answers. One file per command implements {@link CommandHandler}.
 * RFC 9051 (IMAP4rev2) and RFC 3501 (IMAP4rev1).
 */
import type { Directory } from '../../interfaces/directory.js';
import type { Logger } from '../../interfaces/logger.js';
import type { Store } from '../../interfaces/store.js';

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
  /** Delivers pending mailbox changes as untagged EXISTS/EXPUNGE/FETCH (allowed after most commands). */
  flushUpdates(options?: { expunges: boolean }): Promise<void>;
}

/** One IMAP command's implementation. */
export interface CommandHandler {
  readonly name: string;
  /** States in which the command is valid; elsewhere the session answers BAD. */
  readonly states: readonly ImapState[];
  handle(context: CommandContext, command: ImapCommand): Promise<TaggedResult>;
}
