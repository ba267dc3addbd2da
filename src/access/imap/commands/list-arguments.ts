import { ImapError } from '../imap-error.js';
import type { CommandContext, ImapCommand, ImapToken } from '../types.js';
import { astringOf, utf8Names } from './arguments.js';
import { decodeModifiedUtf7 } from '../mailbox/modified-utf7.js';
import { parseStatusItems } from './status-items.js';

/** A LIST command's arguments (RFC 9051 §6.3.9, RFC 5258 LIST-EXTENDED, RFC 5819 LIST-STATUS). */
export interface ListArguments {
  /** Full patterns (reference joined with each mailbox pattern), decoded. */
  patterns: string[];
  /** Selection: only subscribed mailboxes. */
  subscribedOnly: boolean;
  /** Selection: only mailboxes with a special use. */
  specialUseOnly: boolean;
  /** Return \Subscribed. */
  returnSubscribed: boolean;
  /** STATUS items to return per mailbox, or null. */
  statusItems: string[] | null;
}

const SELECTION = new Set(['SUBSCRIBED', 'REMOTE', 'RECURSIVEMATCH', 'SPECIAL-USE']);

/**
 * Parses `LIST [(selection)] reference patterns [RETURN (options)]`.
 *
 * @throws {ImapError} `BAD` for unknown options, RECURSIVEMATCH alone, or missing patterns.
 */
export function parseListArguments(context: CommandContext, command: ImapCommand): ListArguments {
  const args = [...command.args];
  const selection = args[0]?.type === 'list' ? optionNames(args.shift()!) : [];
  for (const option of selection) if (!SELECTION.has(option)) throw new ImapError('BAD', `Unknown LIST selection option ${option.slice(0, 40)}`);
  if (selection.includes('RECURSIVEMATCH') && selection.length === 1) throw new ImapError('BAD', 'RECURSIVEMATCH needs another selection option');
  const [referenceToken, patternToken, returnKeyword, returnOptions, ...extra] = args;
  if (referenceToken === undefined || patternToken === undefined) throw new ImapError('BAD', 'LIST needs a reference and a mailbox pattern');
  const reference = decodeName(context, astringOf(referenceToken, 'reference'));
  const patterns = (patternToken.type === 'list' ? patternToken.items : [patternToken]).map((token) => reference + decodeName(context, astringOf(token, 'mailbox pattern')));
  let returnSubscribed = false;
  let statusItems: string[] | null = null;
  if (returnKeyword !== undefined) {
    if (returnKeyword.type !== 'atom' || returnKeyword.value.toUpperCase() !== 'RETURN' || returnOptions?.type !== 'list' || extra.length > 0) throw new ImapError('BAD', 'Expected RETURN (options) after the patterns');
    for (let index = 0; index < returnOptions.items.length; index++) {
      const option = optionName(returnOptions.items[index]!);
      if (option === 'SUBSCRIBED') returnSubscribed = true;
      else if (option === 'STATUS') statusItems = parseStatusItems(returnOptions.items[++index]);
      else if (option !== 'CHILDREN' && option !== 'SPECIAL-USE') throw new ImapError('BAD', `Unknown LIST return option ${option.slice(0, 40)}`);
    }
  }
  const subscribedOnly = selection.includes('SUBSCRIBED');
  return { patterns, subscribedOnly, specialUseOnly: selection.includes('SPECIAL-USE'), returnSubscribed: returnSubscribed || subscribedOnly, statusItems };
}

function optionNames(token: ImapToken): string[] {
  return token.type === 'list' ? token.items.map(optionName) : [];
}

function optionName(token: ImapToken): string {
  if (token.type !== 'atom') throw new ImapError('BAD', 'LIST options are atoms');
  return token.value.toUpperCase();
}

function decodeName(context: CommandContext, text: string): string {
  if (utf8Names(context)) return text;
  return decodeModifiedUtf7(text) ?? text;
}
