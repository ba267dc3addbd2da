import { silentLogger } from '../../core/logger.js';
import type { AppendResult } from '../../interfaces/store.js';
import type { FilingAction, FilingContext, FilingHook } from '../../interfaces/delivery.js';
import type { Logger } from '../../interfaces/logger.js';
import type { RuleMemory, RuleServices, RulesResult } from '../../interfaces/rules.js';
import type { Store } from '../../interfaces/store.js';
import type { CompiledRuleSet, RulesEngine } from '../../rules/scripts/engine.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import type { DeliveryExplanations } from './explanations.js';
import { toFilingActions } from './filing-actions.js';

/** Options of {@link createRulesHook}. */
export interface RulesHookOptions {
  scripts: ScriptStore;
  engine: RulesEngine;
  /** The host application's own rules, compiled, run before every stored script. */
  codeRules?: CompiledRuleSet[];
  store: Store;
  memory: RuleMemory;
  /** Where the explanation of each filed copy is kept; none keeps none. */
  explanations?: DeliveryExplanations;
  /** The server's name, for the Message-ID of vacation replies. */
  hostname: string;
  now?: () => Date;
  logger?: Logger;
}

interface Decision {
  result: RulesResult;
  notes: string[];
  now: Date;
}

/**
 * The filing hook that runs the rules: the server's global scripts, then the account's active
 * script (RFC 5228 §2.10; compiled once per revision by the script store), over each recipient's
 * copy, and turns the result into filing. With no script at all it has no opinion (INBOX). A run
 * that fails keeps the message in INBOX (RFC 5228 §2.10.6). Once the copies are durable it keeps
 * their explanation. The engine itself remembers answered vacation senders in `memory` (RFC 5230 §4.2).
 *
 * @example
 * const hook = createRulesHook({ scripts, engine: sieveEngine, store, memory: new StoreRuleMemory({ records: store.records }), hostname: 'mx.example.com' });
 * const deliverer = new Deliverer({ store, directory, hooks: [hook], outbound: queue });
 */
export function createRulesHook(options: RulesHookOptions): FilingHook {
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? (() => new Date());
  const decisions = new WeakMap<FilingContext, Decision>();
  const services: RuleServices = {
    memory: options.memory,
    mailboxExists: async (account, mailbox) => (await options.store.mailboxStatus(account, mailbox)) !== null,
    addressesOf: async (account) => [account],
  };

  return {
    name: 'rules',
    async decide(context) {
      const stored = await options.scripts.ruleSetsFor(context.account);
      const { skipped } = stored;
      const sets = options.codeRules === undefined || options.codeRules.length === 0 ? stored.sets : [...options.codeRules, ...stored.sets];
      const notes = skipped.map((entry) => `script ${entry.origin} skipped: it no longer compiles (${entry.reason})`);
      for (const note of notes) logger.warn({ account: context.account }, note);
      if (sets.length === 0) return undefined;
      const at = now();
      const environment = { mailFrom: context.envelope.mailFrom, rcptTo: context.recipient, account: context.account, now: at };
      const result = await options.engine.evaluate(sets, await context.source.buffer(), environment, services);
      let actions: FilingAction[];
      if (result.status === 'ok') {
        const filing = await toFilingActions({ result, context, store: options.store, hostname: options.hostname, now: at });
        actions = filing.actions;
        notes.push(...filing.notes);
      } else {
        notes.push(`the rules failed (${result.status}); kept in INBOX`);
        logger.warn({ account: context.account, diagnostics: result.diagnostics }, 'rules failed; message kept in INBOX');
        actions = [{ type: 'fileinto', mailbox: 'INBOX' }];
      }
      decisions.set(context, { result, notes, now: at });
      return actions;
    },
    async filed(context, copies) {
      const decision = decisions.get(context);
      if (decision === undefined) return;
      await recordExplanations(options.explanations, context, copies, decision);
    },
  };
}

async function recordExplanations(explanations: DeliveryExplanations | undefined, context: FilingContext, copies: AppendResult[], decision: Decision): Promise<void> {
  if (explanations === undefined) return;
  for (const copy of copies) {
    await explanations.record(copy, {
      deliveredAt: decision.now.toISOString(),
      mailFrom: context.envelope.mailFrom,
      recipient: context.recipient,
      result: decision.result,
      notes: decision.notes,
    });
  }
}
