import type { RuleAction, SourcePosition, StoreAction } from '../../interfaces/rules.js';
import { SieveRuntimeError } from './runtime-error.js';

interface Recorded {
  action: RuleAction;
  position: SourcePosition | null;
}

const describePlace = (position: SourcePosition | null): string => (position === null ? '' : ` (line ${position.line})`);

/** Redirect targets compare with the domain case-folded, the local part as written. */
function redirectKey(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : address.slice(0, at) + address.slice(at).toLowerCase();
}

/**
 * Collects the actions of one run with RFC 5228 §4 semantics: the implicit keep is cancelled by
 * keep, fileinto, redirect, discard and reject (not by `:copy` ones, RFC 3894); the same fileinto
 * or redirect twice is done once (§2.10.3), a later fileinto's flags replacing the earlier's;
 * reject conflicts with anything that delivers or answers (RFC 5429 §2.1), vacation is allowed once.
 */
export class ResultBuilder {
  private readonly recorded: Recorded[] = [];
  implicitKeep = true;

  get actions(): RuleAction[] {
    return this.recorded.map((entry) => entry.action);
  }

  add(action: RuleAction, position: SourcePosition | null): void {
    this.checkConflicts(action, position);
    if (action.type === 'store') {
      const earlier = this.recorded.find((entry) => entry.action.type === 'store' && entry.action.mailbox === action.mailbox);
      if (!action.copy) this.implicitKeep = false;
      if (earlier !== undefined) {
        const stored = earlier.action as StoreAction;
        earlier.action = { ...stored, flags: action.flags, copy: stored.copy && action.copy, ...(stored.create || action.create ? { create: true } : {}) };
        return;
      }
    } else if (action.type === 'redirect') {
      if (!action.copy) this.implicitKeep = false;
      const key = redirectKey(action.address);
      const earlier = this.recorded.find((entry) => entry.action.type === 'redirect' && redirectKey(entry.action.address) === key);
      if (earlier !== undefined) {
        if (!action.copy) earlier.action = { ...earlier.action, copy: false } as RuleAction;
        return;
      }
    } else if (action.type === 'discard' || action.type === 'reject') {
      this.implicitKeep = false;
      if (action.type === 'discard' && this.recorded.some((entry) => entry.action.type === 'discard')) return;
    }
    this.recorded.push({ action, position });
  }

  private checkConflicts(action: RuleAction, position: SourcePosition | null): void {
    const conflicting = (other: RuleAction): string | null => {
      if (action.type === 'vacation' && other.type === 'vacation') return 'duplicate vacation action not allowed';
      if (action.type === 'reject' && other.type === 'reject') return 'duplicate reject action not allowed';
      const [reject, rest] = action.type === 'reject' ? [action, other] : other.type === 'reject' ? [other, action] : [null, null];
      if (reject === null || rest === null) return null;
      if (rest.type === 'store' || rest.type === 'redirect') return `reject/ereject action conflicts with the ${rest.type} action, which delivers the message`;
      if (rest.type === 'vacation') return 'reject/ereject action conflicts with the vacation action, which also answers the sender';
      return null;
    };
    for (const entry of this.recorded) {
      const problem = conflicting(entry.action);
      if (problem !== null) throw new SieveRuntimeError(`${problem}${describePlace(entry.position)}`, position);
    }
  }

  /** The implicit keep (RFC 5228 §2.10.2) with the flags current at the end, or null when cancelled. */
  finalKeep(flags: string[]): StoreAction | null {
    return this.implicitKeep ? { type: 'store', mailbox: 'INBOX', flags, copy: false } : null;
  }
}
