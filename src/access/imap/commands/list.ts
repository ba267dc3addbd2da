import type { MailboxStatus } from '../../../interfaces/store.js';
import { listPatternMatcher } from '../mailbox/list-pattern.js';
import type { CommandContext, CommandHandler } from '../types.js';
import { formatMailboxName } from './arguments.js';
import { parseListArguments, type ListArguments } from './list-arguments.js';
import { statusValues } from './status-items.js';

/** One line of a LIST answer: a mailbox, or a parent that only exists through its children. */
interface ListEntry {
  name: string;
  status: MailboxStatus | null;
  hasChildren: boolean;
}

/**
 * LIST (RFC 9051 §6.3.9) with LIST-EXTENDED selection and return options (RFC 5258), special-use
 * attributes (RFC 6154) and LIST-STATUS (RFC 5819). Children attributes are always given.
 */
export const listCommand: CommandHandler = {
  name: 'LIST',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    const options = parseListArguments(context, command);
    if (options.patterns.length === 1 && options.patterns[0] === '' && !options.subscribedOnly) {
      context.untagged('LIST (\\Noselect) "/" ""');
      return { status: 'OK', text: 'LIST completed' };
    }
    await answer(context, options, 'LIST');
    return { status: 'OK', text: 'LIST completed' };
  },
};

/** LSUB (RFC 3501 §6.3.9): LIST of subscribed mailboxes, in the old response form. */
export const lsubCommand: CommandHandler = {
  name: 'LSUB',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    const options = parseListArguments(context, command);
    await answer(context, { ...options, subscribedOnly: true, returnSubscribed: false, statusItems: null }, 'LSUB');
    return { status: 'OK', text: 'LSUB completed' };
  },
};

async function answer(context: CommandContext, options: ListArguments, response: 'LIST' | 'LSUB'): Promise<void> {
  const mailboxes = await context.store.listMailboxes(context.account!);
  const matchers = options.patterns.map(listPatternMatcher);
  const matches = (name: string): boolean => matchers.some((matcher) => matcher(name));
  for (const entry of entries(mailboxes)) {
    if (!matches(entry.name)) continue;
    const status = entry.status;
    if (options.subscribedOnly && status?.subscribed !== true) continue;
    if (options.specialUseOnly && (status?.specialUse ?? '\\Inbox') === '\\Inbox') continue;
    const attributes: string[] = [];
    if (status === null) attributes.push(context.enabled.has('IMAP4REV2') ? '\\NonExistent' : '\\Noselect');
    if (response === 'LIST') attributes.push(entry.hasChildren ? '\\HasChildren' : '\\HasNoChildren');
    if (options.returnSubscribed && status?.subscribed === true) attributes.push('\\Subscribed');
    if (status?.specialUse != null && status.specialUse !== '\\Inbox') attributes.push(status.specialUse);
    const name = formatMailboxName(context, entry.name);
    context.untagged(`${response} (${attributes.join(' ')}) "/" ${name}`);
    if (options.statusItems !== null && status !== null) context.untagged(`STATUS ${name} ${await statusValues(context, status, options.statusItems)}`);
  }
}

/** Every mailbox, plus parents that only exist through children, sorted by name. */
function entries(mailboxes: MailboxStatus[]): ListEntry[] {
  const byName = new Map<string, ListEntry>();
  for (const status of mailboxes) byName.set(status.name, { name: status.name, status, hasChildren: false });
  for (const status of mailboxes) {
    const parts = status.name.split('/');
    for (let depth = parts.length - 1; depth >= 1; depth--) {
      const parent = parts.slice(0, depth).join('/');
      const entry = byName.get(parent) ?? { name: parent, status: null, hasChildren: false };
      entry.hasChildren = true;
      byName.set(parent, entry);
    }
  }
  return [...byName.values()].sort((left, right) => (left.name === 'INBOX' ? -1 : right.name === 'INBOX' ? 1 : left.name < right.name ? -1 : left.name > right.name ? 1 : 0));
}
