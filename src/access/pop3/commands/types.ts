import type { ReadLine } from '../line-reader.js';
import type { Maildrop } from '../maildrop.js';
import type { MaildropLocks } from '../maildrop-lock.js';
import type { ResolvedPop3Options } from '../options.js';
import type { MessageSource } from '../../../interfaces/message.js';

/** The session states of RFC 1939 §3. */
export type Pop3State = 'authorization' | 'transaction' | 'update';

/** What a command can see and do in its session. */
export interface Pop3Context {
  readonly options: ResolvedPop3Options;
  readonly locks: MaildropLocks;
  readonly state: Pop3State;
  /** Whether the connection is encrypted (implicit TLS or after STLS). */
  readonly secure: boolean;
  /** The name USER gave, waiting for PASS. */
  pendingUser: string | null;
  /** The open maildrop in the TRANSACTION state. */
  readonly maildrop: Maildrop | null;
  /** Failed logins so far in this session. */
  authFailures: number;
  /** Sends one single-line reply (`+OK …` or `-ERR …`), CRLF added. */
  reply(line: string): Promise<void>;
  /** Sends a multi-line reply: the status line, each line byte-stuffed, then `.`. */
  replyLines(status: string, lines: Iterable<string>): Promise<void>;
  /** Sends a message as a multi-line reply, byte-stuffed; `bodyLines` cuts it as TOP does. */
  replyMessage(status: string, source: MessageSource, bodyLines?: number): Promise<void>;
  /** The next line the client sends (a SASL response), or null when it went away. */
  readLine(): Promise<ReadLine | null>;
  /** Enters the TRANSACTION state on an opened maildrop. */
  enterTransaction(maildrop: Maildrop): void;
  /** Enters the UPDATE state (QUIT); the session closes after the command. */
  enterUpdate(): void;
  /** Ends the session after the current reply (QUIT in AUTHORIZATION). */
  endSession(): void;
  /** Negotiates TLS on the connection (STLS, after its `+OK`). */
  startTls(): Promise<void>;
}

/** One POP3 command's implementation. */
export interface Pop3Command {
  /** Upper case, as matched against the client's keyword (RFC 1939 §3: case-insensitive). */
  readonly name: string;
  /** The states in which the command is valid. */
  readonly states: readonly Pop3State[];
  /** Runs the command; throwing a {@link Pop3Error} sends it as the reply. `argument` is the rest of the line after one space. */
  run(context: Pop3Context, argument: string): Promise<void>;
}
