import type { FlagOperation } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import type { ImapToken } from '../types.js';

/** What STORE was asked to do (RFC 9051 §6.4.6). */
export interface StoreAction {
  operation: FlagOperation;
  silent: boolean;
  flags: string[];
}

const ACTIONS: Record<string, FlagOperation> = { FLAGS: 'set', '+FLAGS': 'add', '-FLAGS': 'remove' };
const MAX_FLAGS = 100;

function flagOf(token: ImapToken): string {
  if (token.type !== 'atom' || token.section !== undefined) throw new ImapError('BAD', 'Invalid flag');
  // \Recent is the server's to set (RFC 3501 §2.3.2); the store checks the rest.
  if (token.value.toLowerCase() === '\\recent') throw new ImapError('BAD', '\\Recent cannot be stored');
  const system = ['\\Seen', '\\Answered', '\\Flagged', '\\Deleted', '\\Draft'].find((flag) => flag.toLowerCase() === token.value.toLowerCase());
  return system ?? token.value;
}

/**
 * Parses STORE's `FLAGS|+FLAGS|-FLAGS[.SILENT]` and its flags (a list, or flags one after another).
 *
 * @example
 * parseStoreAction([{ type: 'atom', value: '+FLAGS.SILENT' }, { type: 'list', items: [{ type: 'atom', value: '\\Seen' }] }]);
 * // { operation: 'add', silent: true, flags: ['\\Seen'] }
 * @throws {ImapError} `BAD` for an unknown action or an invalid flag.
 */
export function parseStoreAction(tokens: readonly ImapToken[]): StoreAction {
  const [name, ...values] = tokens;
  const text = name?.type === 'atom' ? name.value.toUpperCase() : '';
  const silent = text.endsWith('.SILENT');
  const operation = ACTIONS[silent ? text.slice(0, -'.SILENT'.length) : text];
  if (operation === undefined || values.length === 0) throw new ImapError('BAD', 'STORE needs FLAGS, +FLAGS or -FLAGS and flags');
  const flagTokens = values.length === 1 && values[0]!.type === 'list' ? values[0]!.items : values;
  if (flagTokens.length > MAX_FLAGS) throw new ImapError('BAD', 'Too many flags');
  return { operation, silent, flags: [...new Set(flagTokens.map(flagOf))] };
}
