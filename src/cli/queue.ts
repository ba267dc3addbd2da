import type { MailServer } from '../server.js';
import type { QueueEntry, QueueSummary } from '../sender/index.js';
import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup, CommandInput } from './command.js';

/** The queue methods the control socket serves, so `posthouse queue …` works while a server runs. */
export interface QueueControl {
  queueList(): Promise<QueueSummary[]>;
  queueShow(id: string): Promise<QueueEntry>;
  queueRetry(id: string): Promise<QueueSummary>;
  queueHold(id: string): Promise<QueueSummary>;
  queueRelease(id: string): Promise<QueueSummary>;
  queueDelete(id: string): Promise<null>;
}

/**
 * The {@link QueueControl} of a server: its sender's management calls.
 *
 * @example
 * const control = { ...directoryMethods, ...queueControl(server) };
 */
export function queueControl(server: MailServer): QueueControl {
  const queue = server.queue;
  return {
    queueList: () => queue.list(),
    queueShow: (id) => queue.show(id),
    queueRetry: (id) => queue.retryNow(id),
    queueHold: (id) => queue.hold(id),
    queueRelease: (id) => queue.release(id),
    queueDelete: async (id) => {
      await queue.remove(id);
      return null;
    },
  };
}

const jsonFlag = { type: 'boolean', description: 'print JSON' } as const;

function printSummary(input: CommandInput, summary: QueueSummary): void {
  const states = Object.entries(summary.recipientStates).filter(([, count]) => count > 0).map(([state, count]) => `${count} ${state}`).join(', ');
  const next = summary.held ? 'held' : summary.nextAttemptAt === null ? '-' : `next ${summary.nextAttemptAt}`;
  input.io.out(`${summary.id}  ${summary.size}  ${summary.queuedAt}  <${summary.mailFrom}>  ${summary.reason}  ${states}  ${next}\n`);
  for (const recipient of summary.rcptTo) input.io.out(`    ${recipient}\n`);
  if (summary.lastReply !== null) input.io.out(`    last reply: ${summary.lastReply}\n`);
}

const list: Command = {
  name: 'queue list',
  summary: 'List the queued outbound messages: id, size, queued at, sender, reason, recipient states, next attempt.',
  usage: '[--json] [--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: { json: jsonFlag, data: dataFlag },
  async run(input) {
    const entries = await withDirectory(dataDirectory(input), false, (control) => control.queueList());
    if (input.flags['json'] === true) input.io.out(`${JSON.stringify(entries)}\n`);
    else if (entries.length === 0) input.io.out('the queue is empty\n');
    else for (const entry of entries) printSummary(input, entry);
    return 0;
  },
};

const show: Command = {
  name: 'queue show',
  summary: 'Show one queued message: envelope, each recipient with its state and last reply, the attempts.',
  usage: 'ID [--json] [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { json: jsonFlag, data: dataFlag },
  async run(input) {
    const entry = await withDirectory(dataDirectory(input), false, (control) => control.queueShow(input.positionals[0] ?? ''));
    if (input.flags['json'] === true) {
      input.io.out(`${JSON.stringify(entry)}\n`);
      return 0;
    }
    input.io.out(`id: ${entry.id}\nfrom: <${entry.mailFrom}>\nreason: ${entry.reason}\nsize: ${entry.size}\nqueued: ${entry.createdAt}\nexpires: ${entry.expiresAt}\nheld: ${entry.held ? 'yes' : 'no'}\n`);
    for (const recipient of entry.recipients) {
      const reply = recipient.lastReply === null ? '' : ` (${recipient.lastReply.responseCode ?? '-'} ${recipient.lastReply.reply})`;
      input.io.out(`recipient: ${recipient.address} ${recipient.status}, ${recipient.attempts} attempts${recipient.nextAttemptAt === null ? '' : `, next ${recipient.nextAttemptAt}`}${reply}\n`);
    }
    for (const attempt of entry.attempts) input.io.out(`attempt: ${attempt.at} ${attempt.recipient} ${attempt.status} ${attempt.remoteHost ?? '-'} ${attempt.responseCode ?? '-'} ${attempt.reply}\n`);
    return 0;
  },
};

function change(verb: 'retry' | 'hold' | 'release' | 'delete', summary: string, done: string): Command {
  return {
    name: `queue ${verb}`,
    summary,
    usage: 'ID [--json] [--data DIR]',
    positionals: { min: 1, max: 1 },
    flags: { json: jsonFlag, data: dataFlag },
    async run(input) {
      const id = input.positionals[0] ?? '';
      const result = await withDirectory(dataDirectory(input), false, (control) => {
        if (verb === 'retry') return control.queueRetry(id);
        if (verb === 'hold') return control.queueHold(id);
        if (verb === 'release') return control.queueRelease(id);
        return control.queueDelete(id);
      });
      input.io.out(input.flags['json'] === true ? `${JSON.stringify(result ?? { id, deleted: true })}\n` : `${done} ${id}\n`);
      return 0;
    },
  };
}

/** `posthouse queue …`: inspect and manage the outbound queue, through the running server's control socket or on the data directory. */
export const queueCommands: CommandGroup = {
  name: 'queue',
  summary: 'The outbound queue: list, show, retry now, hold, release, delete.',
  commands: [
    list,
    show,
    change('retry', 'Try every waiting recipient of a message now.', 'retrying'),
    change('hold', 'Keep a message queued without trying it until released.', 'held'),
    change('release', 'Let a held message be tried again.', 'released'),
    change('delete', 'Delete a message from the queue, without a bounce.', 'deleted'),
  ],
};
