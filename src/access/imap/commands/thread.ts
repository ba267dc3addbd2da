import { ImapError } from '../imap-error.js';
import type { CommandHandler } from '../types.js';
import { hitSummaries } from '../message/hit-summaries.js';
import { checkCharset, runSearch } from '../message/search-run.js';
import { selectedView } from '../message/selected-messages.js';
import { renderThreads, threadByOrderedSubject, threadByReferences, type ThreadInput } from '../message/threading.js';

/** THREAD and UID THREAD (RFC 5256 §4): ORDEREDSUBJECT and REFERENCES over the messages that match. */
export const threadCommand: CommandHandler = {
  name: 'THREAD',
  states: ['selected'],
  capabilities: ['THREAD=ORDEREDSUBJECT', 'THREAD=REFERENCES'],
  async handle(context, command) {
    const view = selectedView(context);
    if (command.args.length < 3) throw new ImapError('BAD', 'THREAD needs an algorithm, a charset and search criteria');
    const algorithm = command.args[0]!.type === 'atom' ? command.args[0]!.value.toUpperCase() : '';
    if (algorithm !== 'ORDEREDSUBJECT' && algorithm !== 'REFERENCES') throw new ImapError('BAD', 'Unknown threading algorithm');
    checkCharset(command.args[1]);
    const { hits } = await runSearch(context, view, command.args.slice(2));
    const summaries = await hitSummaries(hits);
    const inputs: ThreadInput[] = hits.map((hit) => {
      const summary = summaries.get(hit.message.uid)!;
      const references = summary.imap?.references ?? [];
      return {
        number: command.uid ? hit.message.uid : hit.sequence,
        date: (summary.date ?? hit.message.internalDate).getTime(),
        subject: summary.subject,
        messageId: summary.messageId,
        references: references.length > 0 ? references : summary.imap?.inReplyTo ? [summary.imap.inReplyTo] : [],
      };
    });
    const threads = algorithm === 'REFERENCES' ? threadByReferences(inputs) : threadByOrderedSubject(inputs);
    context.untagged(`THREAD${threads.length > 0 ? ` ${renderThreads(threads)}` : ''}`);
    return { status: 'OK', text: `${command.uid ? 'UID THREAD' : 'THREAD'} completed` };
  },
};
