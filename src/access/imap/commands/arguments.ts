import type { MailboxStatus } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import { decodeModifiedUtf7, encodeModifiedUtf7 } from '../mailbox/modified-utf7.js';
import type { CommandContext, ImapCommand, ImapToken } from '../types.js';
import { formatString } from '../wire/response-format.js';

/**
 * Checks the argument count of a command.
 *
 * @throws {ImapError} `BAD` naming the command when there are too few or too many.
 */
export function expectArguments(command: ImapCommand, min: number, max = min): ImapToken[] {
  if (command.args.length < min) throw new ImapError('BAD', `Missing arguments to ${command.name}`);
  if (command.args.length > max) throw new ImapError('BAD', `Too many arguments to ${command.name}`);
  return command.args;
}

/** An astring (RFC 9051 §9) as text: atom, number, quoted string or literal (UTF-8). */
export function astringOf(token: ImapToken | undefined, what: string): string {
  switch (token?.type) {
    case 'atom':
      if (token.section === undefined) return token.value;
      break;
    case 'number':
      return String(token.value);
    case 'string':
      return token.value.toString('utf8');
    case 'nil':
      return 'NIL';
    default:
      break;
  }
  throw new ImapError('BAD', `Invalid ${what}`);
}

/** Whether the client speaks UTF-8 mailbox names (IMAP4rev2 or UTF8=ACCEPT enabled, RFC 9051 §5.1). */
export function utf8Names(context: CommandContext): boolean {
  return context.enabled.has('IMAP4REV2') || context.enabled.has('UTF8=ACCEPT');
}

/**
 * A mailbox name argument as the store spells it: modified UTF-7 decoded for rev1 clients, INBOX
 * in any case made `INBOX`, a trailing hierarchy delimiter dropped.
 *
 * @throws {ImapError} `BAD` when the name is not valid modified UTF-7 or not valid UTF-8.
 */
export function mailboxArgument(context: CommandContext, token: ImapToken | undefined): string {
  const raw = astringOf(token, 'mailbox name');
  let name = raw;
  if (!utf8Names(context)) {
    const decoded = decodeModifiedUtf7(raw);
    // A rev1 client may still send 8-bit UTF-8; take it when it is valid UTF-8 (as Dovecot does).
    if (decoded === null && !/[^\x20-\x7e]/.test(raw)) throw new ImapError('BAD', 'Mailbox name is not valid modified UTF-7');
    name = decoded ?? raw;
  }
  if (name.includes('\uFFFD')) throw new ImapError('BAD', 'Mailbox name is not valid UTF-8');
  if (name.length > 1 && name.endsWith('/')) name = name.slice(0, -1);
  return name.toUpperCase() === 'INBOX' ? 'INBOX' : name;
}

/** A mailbox name for a response: modified UTF-7 for rev1 clients, quoted (or a literal). */
export function formatMailboxName(context: CommandContext, name: string): string {
  return formatString(utf8Names(context) ? name : encodeModifiedUtf7(name));
}

/** Fails with `NO [NONEXISTENT]` unless the mailbox exists; resolves its status. */
export async function existingMailbox(context: CommandContext, name: string): Promise<MailboxStatus> {
  const status = await context.store.mailboxStatus(context.account!, name);
  if (status === null) throw new ImapError('NO', `Mailbox does not exist: ${name.slice(0, 100)}`, 'NONEXISTENT');
  return status;
}
