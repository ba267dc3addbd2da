import type { ImapLimits } from '../limits.js';
import { InputBuffer, LINE_TOO_LONG } from './input-buffer.js';

/**
 * One command as it came off the wire: its lines and, between them, the literals they announced.
 * `lines[i]` ends with the announcement of `literals[i]` (RFC 9051 §4.3), so
 * `lines.length === literals.length + 1`.
 */
export interface RawCommand {
  lines: Buffer[];
  literals: Buffer[];
}

/** A command that could not be read whole; the session answers it and goes on. */
export interface UnreadableCommand {
  /** The tag when the line began with one, else `*`. */
  tag: string;
  status: 'BAD' | 'NO';
  code?: string;
  text: string;
}

/** What {@link readCommand} yields. */
export type CommandReading = { kind: 'command'; command: RawCommand } | { kind: 'unreadable'; error: UnreadableCommand } | { kind: 'end' };

/**
 * Largest non-synchronising literal a LITERAL- server accepts (RFC 7888 §5); the same bound
 * IMAP4rev2 sets for servers without LITERAL+ (RFC 9051 §4.3).
 */
export const LITERAL_MINUS_LIMIT = 4096;

/** `{n}`, `{n+}`, `{n-}` or `~{n}` at the end of a line. */
const LITERAL_ANNOUNCEMENT = /(~?)\{(\d{1,20})([+-]?)\}$/;
const TAG = /^[^\x00-\x20(){%*"\\\]+\x7f]+/;

/**
 * Reads one command, with its literals, within the limits:
 * - a synchronising literal gets its `+` continuation (through `requestLiteral`) only once its size
 *   is accepted; a too-big one is answered `NO [TOOBIG]` before the client sends it;
 * - a non-synchronising literal (LITERAL+) that is too big is read and dropped, never held;
 * - under LITERAL- (`nonSynchronizingLimit` {@link LITERAL_MINUS_LIMIT}), a non-synchronising literal
 *   over that bound is read and dropped too, and the command answered `BAD [TOOBIG]` (RFC 7888 §5);
 * - a line longer than `maxLineLength` is dropped and answered `BAD`.
 * APPEND's literals are bounded by `maxMessageSize`, every other command's by `maxLiteralSize`.
 */
export async function readCommand(input: InputBuffer, limits: ImapLimits, requestLiteral: () => void, nonSynchronizingLimit = Number.POSITIVE_INFINITY): Promise<CommandReading> {
  const lines: Buffer[] = [];
  const literals: Buffer[] = [];
  let total = 0;
  let failure: UnreadableCommand | null = null;
  for (;;) {
    const line = await input.readLine(limits.maxLineLength);
    if (line === null) return { kind: 'end' };
    if (line === LINE_TOO_LONG) {
      return { kind: 'unreadable', error: failure ?? { tag: tagOfLines(lines), status: 'BAD', text: 'Command line too long' } };
    }
    lines.push(line);
    total += line.length;
    const announcement = LITERAL_ANNOUNCEMENT.exec(line.toString('latin1'));
    if (announcement === null) {
      if (failure !== null) return { kind: 'unreadable', error: failure };
      return { kind: 'command', command: { lines, literals } };
    }
    const size = Number(announcement[2]);
    const synchronising = announcement[3] === '';
    const bound = isAppend(lines[0]!) ? limits.maxMessageSize : limits.maxLiteralSize;
    const tooBig = size > bound || total + size > limits.maxCommandSize;
    if (synchronising && (tooBig || failure !== null)) {
      // The client waits for "+" and sends nothing more of this command.
      return { kind: 'unreadable', error: failure ?? { tag: tagOfLines(lines), status: 'NO', code: 'TOOBIG', text: `Literal of ${size} octets is over the limit of ${bound}` } };
    }
    const overNonSynchronizing = !synchronising && size > nonSynchronizingLimit;
    if (tooBig || overNonSynchronizing || failure !== null) {
      if (!(await input.skipBytes(size))) return { kind: 'end' };
      if (overNonSynchronizing) {
        failure ??= { tag: tagOfLines(lines), status: 'BAD', code: 'TOOBIG', text: `Non-synchronizing literal of ${size} octets is over ${nonSynchronizingLimit}; send it as {${size}}` };
      }
      failure ??= { tag: tagOfLines(lines), status: 'NO', code: 'TOOBIG', text: `Literal of ${size} octets is over the limit of ${bound}` };
      continue;
    }
    if (synchronising) requestLiteral();
    const literal = await input.readBytes(size);
    if (literal === null) return { kind: 'end' };
    literals.push(literal);
    total += size;
  }
}

function tagOf(line: Buffer | typeof LINE_TOO_LONG): string | undefined {
  if (line === LINE_TOO_LONG) return undefined;
  return TAG.exec(line.subarray(0, 256).toString('latin1'))?.[0];
}

function tagOfLines(lines: Buffer[]): string {
  return lines.length === 0 ? '*' : (tagOf(lines[0]!) ?? '*');
}

function isAppend(firstLine: Buffer): boolean {
  return /^\S+ APPEND /i.test(firstLine.subarray(0, 300).toString('latin1'));
}
