import type { QuotaUsage } from '../../../interfaces/store.js';
import { ImapError } from '../imap-error.js';
import type { CommandContext, CommandHandler } from '../types.js';
import { astringOf, existingMailbox, expectArguments, formatMailboxName, mailboxArgument } from './arguments.js';

/**
 * The one quota root of an account (RFC 9208 §3): every mailbox of the account counts against
 * the account's quota, so they all share the root named by the empty string.
 */
const ROOT = '';

/**
 * The resource list of a QUOTA response (RFC 9208 §5.1): only resources that have a limit, storage
 * in units of 1024 octets (usage rounded up, limit rounded down, so a full account never reads as
 * below its limit). Null when the account has no limit at all: the grammar has no empty list, so
 * the root then does not exist.
 */
export function quotaResources(usage: QuotaUsage): string | null {
  const resources: string[] = [];
  if (usage.limits.maxBytes !== undefined) resources.push(`STORAGE ${Math.ceil(usage.bytes / 1024)} ${Math.floor(usage.limits.maxBytes / 1024)}`);
  if (usage.limits.maxMessages !== undefined) resources.push(`MESSAGE ${usage.messages} ${usage.limits.maxMessages}`);
  return resources.length === 0 ? null : `(${resources.join(' ')})`;
}

async function accountResources(context: CommandContext): Promise<string | null> {
  return quotaResources(await context.store.quotaUsage(context.account!));
}

/**
 * GETQUOTAROOT (RFC 9208 §4.3): `* QUOTAROOT mailbox ""` and `* QUOTA "" (…)`, or only
 * `* QUOTAROOT mailbox` when the account is unlimited. Brings the QUOTA capabilities.
 */
export const getQuotaRootCommand: CommandHandler = {
  name: 'GETQUOTAROOT',
  states: ['authenticated', 'selected'],
  capabilities: ['QUOTA', 'QUOTA=RES-STORAGE', 'QUOTA=RES-MESSAGE'],
  async handle(context, command) {
    const [nameToken] = expectArguments(command, 1);
    const mailbox = await existingMailbox(context, mailboxArgument(context, nameToken));
    const resources = await accountResources(context);
    const name = formatMailboxName(context, mailbox.name);
    if (resources === null) {
      context.untagged(`QUOTAROOT ${name}`);
    } else {
      context.untagged(`QUOTAROOT ${name} ""`);
      context.untagged(`QUOTA "" ${resources}`);
    }
    return { status: 'OK', text: 'GETQUOTAROOT completed' };
  },
};

/** GETQUOTA (RFC 9208 §4.2): the usage and limits of the account's root `""`. */
export const getQuotaCommand: CommandHandler = {
  name: 'GETQUOTA',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    const [rootToken] = expectArguments(command, 1);
    const root = astringOf(rootToken, 'quota root');
    const resources = root === ROOT ? await accountResources(context) : null;
    if (resources === null) throw new ImapError('NO', 'No such quota root', 'NONEXISTENT');
    context.untagged(`QUOTA "" ${resources}`);
    return { status: 'OK', text: 'GETQUOTA completed' };
  },
};

/**
 * SETQUOTA (RFC 9208 §4.1): refused. Quotas are the administrator's (`store.setQuota`), so the
 * server does not advertise `QUOTASET` and a user asking gets `NO [NOPERM]`.
 */
export const setQuotaCommand: CommandHandler = {
  name: 'SETQUOTA',
  states: ['authenticated', 'selected'],
  async handle(_context, command) {
    const [rootToken, limitsToken] = expectArguments(command, 2);
    astringOf(rootToken, 'quota root');
    if (limitsToken?.type !== 'list') throw new ImapError('BAD', 'SETQUOTA limits must be a list');
    throw new ImapError('NO', 'Quotas are set by the administrator', 'NOPERM');
  },
};
