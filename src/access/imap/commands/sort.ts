import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';
import { hitSummaries } from '../message/hit-summaries.js';
import { checkCharset, runSearch } from '../message/search-run.js';
import { selectedView } from '../message/selected-messages.js';
import { parseSortCriteria, sortHits } from '../message/sort-keys.js';

/** SORT and UID SORT (RFC 5256 §3; DISPLAY from RFC 5957): `SORT (keys) charset criteria`. */
export const sortCommand: CommandHandler = {
  name: 'SORT',
  states: ['selected'],
  capabilities: ['SORT', 'SORT=DISPLAY'],
  async handle(context, command) {
    const view = selectedView(context);
    if (command.args.length < 3) throw new ImapError('BAD', 'SORT needs sort keys, a charset and search criteria');
    const criteria = parseSortCriteria(command.args[0]);
    checkCharset(command.args[1]);
    const { hits } = await runSearch(context, view, command.args.slice(2));
    const sorted = sortHits(hits, await hitSummaries(hits), criteria);
    context.untagged(`SORT${sorted.map((hit) => ` ${command.uid ? hit.message.uid : hit.sequence}`).join('')}`);
    return { status: 'OK', text: `${command.uid ? 'UID SORT' : 'SORT'} completed` };
  },
};
