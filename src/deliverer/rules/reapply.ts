import type { RuleMemory, RuleServices, RulesResult } from '../../interfaces/rules.js';
import type { Store } from '../../interfaces/store.js';
import type { RulesEngine } from '../../rules/scripts/engine.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import { readHeaderSection } from '../../mime/header-section.js';

/** What re-running the rules over a stored mailbox did (or, dry, would do). */
export interface ReapplyReport {
  account: string;
  mailbox: string;
  dryRun: boolean;
  examined: number;
  moved: Array<{ uid: number; to: string }>;
  copied: Array<{ uid: number; to: string }>;
  flagged: Array<{ uid: number; flags: string[] }>;
  /** Actions not carried out on old mail: discard, redirect, vacation, reject, and missing mailboxes. */
  skipped: Array<{ uid: number; action: string }>;
}

/** Old mail must not answer vacations nor count as seen for `duplicate`: a memory that forgets. */
const forgetfulMemory: RuleMemory = { seenWithin: async () => false, record: async () => {} };

/**
 * Runs the account's rules again over the mail already in one mailbox (what Stalwart and Dovecot
 * users ask for after editing their script): copies are moved where the rules now file them and
 * flags added; discard, redirect, vacation and reject are never carried out on old mail, only
 * reported as skipped. `keep` (INBOX) means "stays where it is".
 *
 * @example
 * const report = await reapplyRules({ store, scripts, engine: sieveEngine, account: 'a@example.com', mailbox: 'INBOX', dryRun: true });
 */
export async function reapplyRules(options: { store: Store; scripts: ScriptStore; engine: RulesEngine; account: string; mailbox: string; dryRun: boolean; now?: Date }): Promise<ReapplyReport> {
  const { store, account, mailbox, dryRun } = options;
  const report: ReapplyReport = { account, mailbox, dryRun, examined: 0, moved: [], copied: [], flagged: [], skipped: [] };
  const { sets } = await options.scripts.ruleSetsFor(account);
  if (sets.length === 0) return report;
  const services: RuleServices = {
    memory: forgetfulMemory,
    mailboxExists: async (owner, name) => (await store.mailboxStatus(owner, name)) !== null,
    addressesOf: async (owner) => [owner],
  };
  for (const message of await store.listMessages(account, mailbox)) {
    report.examined++;
    const raw = await (await store.readMessage(account, mailbox, message.uid)).buffer();
    const returnPath = readHeaderSection(raw).fields.find((field) => field.name === 'return-path')?.value ?? '';
    const environment = { mailFrom: returnPath.replace(/^<|>$/g, ''), rcptTo: account, account, now: options.now ?? new Date() };
    const result = await options.engine.evaluate(sets, raw, environment, services);
    await carryOut(options, report, message.uid, result);
  }
  return report;
}

async function carryOut(options: { store: Store; account: string; mailbox: string; dryRun: boolean }, report: ReapplyReport, uid: number, result: RulesResult): Promise<void> {
  const { store, account, mailbox, dryRun } = options;
  if (result.status !== 'ok') return void report.skipped.push({ uid, action: `rules failed: ${result.diagnostics[0]?.message ?? result.status}` });
  const stores = result.actions.flatMap((action): Array<{ mailbox: string; flags: string[]; create?: boolean }> =>
    action.type === 'store' ? [action] : action.type === 'junk' ? [{ mailbox: 'Junk', flags: [], create: true }] : [],
  );
  if (result.implicit_keep !== null) stores.push(result.implicit_keep);
  for (const action of result.actions) {
    if (['discard', 'redirect', 'vacation', 'reject'].includes(action.type)) report.skipped.push({ uid, action: action.type });
  }
  const flags = [...new Set(stores.flatMap((action) => action.flags))];
  const isHere = (name: string) => name === mailbox || name.toUpperCase() === 'INBOX';
  const elsewhere: string[] = [];
  for (const action of stores) {
    if (isHere(action.mailbox) || elsewhere.includes(action.mailbox)) continue;
    if (!action.create && (await store.mailboxStatus(account, action.mailbox)) === null) report.skipped.push({ uid, action: `fileinto "${action.mailbox}" (no such mailbox)` });
    else elsewhere.push(action.mailbox);
  }
  if (flags.length > 0) {
    report.flagged.push({ uid, flags });
    if (!dryRun) await store.updateFlags(account, mailbox, { uids: [{ start: uid, end: uid }] }, { operation: 'add', flags });
  }
  const stays = stores.length === 0 || stores.some((action) => isHere(action.mailbox));
  for (const [index, target] of elsewhere.entries()) {
    const move = !stays && index === elsewhere.length - 1;
    (move ? report.moved : report.copied).push({ uid, to: target });
    if (dryRun) continue;
    if ((await store.mailboxStatus(account, target)) === null) await store.createMailbox(account, target);
    const query = { uids: [{ start: uid, end: uid }] };
    if (move) await store.moveMessages(account, mailbox, query, target);
    else await store.copyMessages(account, mailbox, query, target);
  }
}
