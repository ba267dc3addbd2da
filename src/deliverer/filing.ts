import type { AppendTarget } from '../interfaces/store.js';
import type { FilingAction, FilingContext, FilingHook } from '../interfaces/delivery.js';
import type { MessageSource } from '../interfaces/message.js';
import type { OutboundMessage } from '../interfaces/queue.js';
import type { SmtpError } from '../errors/smtp-error.js';

/** One copy to file; `source` is set when the copy has bytes of its own (editheader). */
export interface PlannedTarget extends AppendTarget {
  source?: MessageSource;
}

/** What the hooks decided for one recipient's copy. */
export interface FilingPlan {
  targets: PlannedTarget[];
  /** Messages for the sender's queue (redirect, vacation). */
  outbound: OutboundMessage[];
  /** Set when a hook refused this recipient. */
  rejection: SmtpError | null;
  /** The hook that decided, told later where the copies landed; null for the default INBOX. */
  decidedBy: FilingHook | null;
}

const inboxOnly: FilingAction[] = [{ type: 'fileinto', mailbox: 'INBOX' }];

/**
 * Asks the hooks in order; the first that has an opinion decides. With none, the copy goes to
 * INBOX (Sieve's implicit keep, RFC 5228 §2.10.2). A refusal files nothing and sends nothing.
 */
export async function planFiling(hooks: readonly FilingHook[], context: FilingContext): Promise<FilingPlan> {
  let actions = inboxOnly;
  let decidedBy: FilingHook | null = null;
  for (const hook of hooks) {
    const decided = await hook.decide(context);
    if (decided !== undefined) {
      actions = decided;
      decidedBy = hook;
      break;
    }
  }
  const plan: FilingPlan = { targets: [], outbound: [], rejection: null, decidedBy };
  for (const action of actions) {
    if (action.type === 'reject') plan.rejection ??= action.error;
    else if (action.type === 'outbound') plan.outbound.push(action.message);
    else if (action.type === 'fileinto') {
      const target: PlannedTarget = { account: context.account, mailbox: action.mailbox, flags: action.flags ?? [], create: action.create ?? false };
      if (action.source !== undefined) target.source = action.source;
      plan.targets.push(target);
    }
  }
  if (plan.rejection) {
    plan.targets = [];
    plan.outbound = [];
  }
  return plan;
}

/**
 * Groups copies by the bytes they carry: the message as received (one group, one blob for every
 * recipient) and each copy with bytes of its own. Each group becomes one atomic store write.
 */
export function groupBySource(targets: readonly PlannedTarget[], received: MessageSource): Array<{ source: MessageSource; targets: AppendTarget[] }> {
  // plain loops and literals: object rest, spread and Array.from over a Map cost several times
  // as much in V8, and this runs for every delivered message
  const groups = new Map<MessageSource, AppendTarget[]>();
  for (const planned of targets) {
    const key = planned.source ?? received;
    const target = appendTarget(planned);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [target]);
    else group.push(target);
  }
  const grouped: Array<{ source: MessageSource; targets: AppendTarget[] }> = [];
  for (const [source, sourceTargets] of groups) grouped.push({ source, targets: mergeTargets(sourceTargets) });
  return grouped;
}

/** A target as the store takes it: without the planned copy's own bytes. */
function appendTarget({ account, mailbox, flags, create }: PlannedTarget): AppendTarget {
  const target: AppendTarget = { account, mailbox };
  if (flags !== undefined) target.flags = flags;
  if (create !== undefined) target.create = create;
  return target;
}

/**
 * Merges targets that land in the same mailbox of the same account (an alias and its target
 * both reaching one person), so each person gets one copy; flags are united.
 */
export function mergeTargets(targets: readonly AppendTarget[]): AppendTarget[] {
  const byMailbox = new Map<string, AppendTarget>();
  for (const target of targets) {
    const key = `${target.account}\u0000${target.mailbox.toUpperCase() === 'INBOX' ? 'INBOX' : target.mailbox}`;
    const existing = byMailbox.get(key);
    if (!existing) {
      const merged: AppendTarget = { account: target.account, mailbox: target.mailbox, flags: target.flags === undefined ? [] : [...target.flags] };
      if (target.create !== undefined) merged.create = target.create;
      byMailbox.set(key, merged);
      continue;
    }
    for (const flag of target.flags ?? []) if (!existing.flags!.includes(flag)) existing.flags!.push(flag);
    existing.create = (existing.create ?? false) || (target.create ?? false);
  }
  const merged: AppendTarget[] = [];
  for (const target of byMailbox.values()) merged.push(target);
  return merged;
}
