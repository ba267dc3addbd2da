import type { RulesResult } from '../../interfaces/rules.js';
import type { AppendResult, RecordStore } from '../../interfaces/store.js';

/** Why one delivered copy landed where it did: the rules' result and the deliverer's own notes. */
export interface DeliveryExplanation {
  account: string;
  mailbox: string;
  uid: number;
  uidValidity: number;
  deliveredAt: string;
  mailFrom: string;
  recipient: string;
  result: RulesResult;
  notes: string[];
}

/** Trace entries kept per explanation; a longer trace is cut (a note says so). */
const MAX_TRACE_ENTRIES = 200;

/**
 * The last explanations per account, in the store's records, bounded: a ring of `perAccount`
 * slots, the oldest overwritten (and its lookup key removed) when the ring is full. Keyed by
 * mailbox and UID, checked against UIDVALIDITY, so a recreated mailbox never shows a stale one.
 */
export class DeliveryExplanations {
  readonly #records: RecordStore;
  readonly #perAccount: number;

  constructor(records: RecordStore, perAccount = 1000) {
    this.#records = records;
    this.#perAccount = perAccount;
  }

  async record(copy: AppendResult, explanation: Omit<DeliveryExplanation, 'account' | 'mailbox' | 'uid' | 'uidValidity'>): Promise<void> {
    const trace = explanation.result.trace;
    const result = trace.length <= MAX_TRACE_ENTRIES ? explanation.result : { ...explanation.result, trace: trace.slice(0, MAX_TRACE_ENTRIES) };
    const notes = trace.length <= MAX_TRACE_ENTRIES ? explanation.notes : [...explanation.notes, `trace cut at ${MAX_TRACE_ENTRIES} of ${trace.length} entries`];
    const key = copyKey(copy.mailbox, copy.uid);
    const counter = (await this.#records.get<number>('rules.explain.next', copy.account)) ?? 0;
    const slot = String(counter % this.#perAccount);
    const previous = await this.#records.get<string>(`rules.explain.slots/${copy.account}`, slot);
    if (previous !== undefined && previous !== key) await this.#records.delete(`rules.explain/${copy.account}`, previous);
    const stored: DeliveryExplanation = { ...explanation, result, notes, account: copy.account, mailbox: copy.mailbox, uid: copy.uid, uidValidity: copy.uidValidity };
    await this.#records.put(`rules.explain/${copy.account}`, key, stored);
    await this.#records.put(`rules.explain.slots/${copy.account}`, slot, key);
    await this.#records.put('rules.explain.next', copy.account, counter + 1);
  }

  /** The explanation of one copy, or null when none is kept (delivered without rules, or aged out). */
  async explain(account: string, mailbox: string, uid: number, uidValidity: number | null): Promise<DeliveryExplanation | null> {
    const stored = await this.#records.get<DeliveryExplanation>(`rules.explain/${account}`, copyKey(mailbox, uid));
    if (stored === undefined || (uidValidity !== null && stored.uidValidity !== uidValidity)) return null;
    return stored;
  }
}

function copyKey(mailbox: string, uid: number): string {
  return `${mailbox.toUpperCase() === 'INBOX' ? 'INBOX' : mailbox}\u0001${uid}`;
}
