import type { AppendTarget } from '../interfaces/store.js';
import type { FilingAction, FilingContext, FilingHook } from '../interfaces/delivery.js';
import type { SmtpError } from '../errors/smtp-error.js';

/** What the hooks decided for one recipient's copy. */
export interface FilingPlan {
  targets: AppendTarget[];
  /** Set when a hook refused this recipient. */
  rejection: SmtpError | null;
}

const inboxOnly: FilingAction[] = [{ type: 'fileinto', mailbox: 'INBOX' }];

/**
 * Asks the hooks in order; the first that has an opinion decides. With none, the copy goes to
 * INBOX (Sieve's implicit keep, RFC 5228 §2.10.2).
 */
export async function planFiling(hooks: readonly FilingHook[], context: FilingContext): Promise<FilingPlan> {
  let actions = inboxOnly;
  for (const hook of hooks) {
    const decided = await hook.decide(context);
    if (decided !== undefined) {
      actions = decided;
      break;
    }
  }
  const plan: FilingPlan = { targets: [], rejection: null };
  for (const action of actions) {
    if (action.type === 'reject') plan.rejection ??= action.error;
    else if (action.type === 'fileinto') {
      plan.targets.push({ account: context.account, mailbox: action.mailbox, flags: action.flags ?? [], create: action.create ?? false });
    }
  }
  if (plan.rejection) plan.targets = [];
  return plan;
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
      byMailbox.set(key, { ...target, flags: [...(target.flags ?? [])] });
      continue;
    }
    for (const flag of target.flags ?? []) if (!existing.flags!.includes(flag)) existing.flags!.push(flag);
    existing.create = (existing.create ?? false) || (target.create ?? false);
  }
  return [...byMailbox.values()];
}
