import { ImapError } from '../imap-error.js';
import type { CommandHandler, ImapToken } from '../types.js';
import { formatString, formatUidSet } from '../wire/response-format.js';
import { checkCharset, runSearch } from '../message/search-run.js';
import { selectedView } from '../message/selected-messages.js';

/** ESEARCH return options (RFC 4731, RFC 9051 §6.4.4.1); SAVE needs SEARCHRES, which is not offered. */
const RETURN_OPTIONS = new Set(['MIN', 'MAX', 'COUNT', 'ALL']);

function parseReturn(token: ImapToken): Set<string> {
  if (token.type !== 'list') throw new ImapError('BAD', 'RETURN needs a list of options');
  const options = new Set<string>();
  for (const item of token.items) {
    const name = item.type === 'atom' ? item.value.toUpperCase() : '';
    if (name === 'SAVE') throw new ImapError('BAD', 'RETURN (SAVE) is not supported (no SEARCHRES)');
    if (!RETURN_OPTIONS.has(name)) throw new ImapError('BAD', 'Unknown RETURN option');
    options.add(name);
  }
  return options.size === 0 ? new Set(['ALL']) : options;
}

/**
 * SEARCH and UID SEARCH (RFC 9051 §6.4.4): every search key, CHARSET UTF-8 and US-ASCII, and
 * ESEARCH results (`RETURN (MIN MAX COUNT ALL)`, RFC 4731) — always ESEARCH once IMAP4rev2 is
 * enabled, as RFC 9051 requires.
 */
export const searchCommand: CommandHandler = {
  name: 'SEARCH',
  states: ['selected'],
  capabilities: ['ESEARCH'],
  async handle(context, command) {
    const view = selectedView(context);
    let args = command.args;
    let options: Set<string> | null = null;
    if (args[0]?.type === 'atom' && args[0].value.toUpperCase() === 'RETURN') {
      options = parseReturn(args[1] ?? { type: 'nil' });
      args = args.slice(2);
    }
    if (args[0]?.type === 'atom' && args[0].value.toUpperCase() === 'CHARSET') {
      checkCharset(args[1]);
      args = args.slice(2);
    }
    const { hits, usesModseq } = await runSearch(context, view, args);
    const numbers = hits.map((hit) => (command.uid ? hit.message.uid : hit.sequence));
    const highestModseq = hits.reduce((highest, hit) => Math.max(highest, hit.message.modseq), 0);
    if (options === null && context.enabled.has('IMAP4REV2')) options = new Set(['ALL']);
    if (options === null) {
      const modseq = usesModseq && numbers.length > 0 ? ` (MODSEQ ${highestModseq})` : '';
      context.untagged(`SEARCH${numbers.map((number) => ` ${number}`).join('')}${modseq}`);
    } else {
      const parts = [`ESEARCH (TAG ${formatString(command.tag)})`];
      if (command.uid) parts.push('UID');
      if (numbers.length > 0) {
        if (options.has('MIN')) parts.push(`MIN ${numbers[0]}`); // ascending: sequence and UID order agree
        if (options.has('MAX')) parts.push(`MAX ${numbers.at(-1)}`);
      }
      if (options.has('COUNT')) parts.push(`COUNT ${numbers.length}`);
      if (options.has('ALL') && numbers.length > 0) parts.push(`ALL ${formatUidSet(numbers)}`);
      if (usesModseq && numbers.length > 0) parts.push(`MODSEQ ${highestModseq}`);
      context.untagged(parts.join(' '));
    }
    return { status: 'OK', text: `${command.uid ? 'UID SEARCH' : 'SEARCH'} completed` };
  },
};
