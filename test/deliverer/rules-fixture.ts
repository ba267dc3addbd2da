import { bufferSource } from '../../src/core/message-source.js';
import { Deliverer } from '../../src/deliverer/deliverer.js';
import { createRulesHook, DeliveryExplanations } from '../../src/deliverer/rules/index.js';
import { createDirectory } from '../../src/directory/index.js';
import type { Envelope } from '../../src/interfaces/envelope.js';
import type { RulesResult } from '../../src/interfaces/rules.js';
import { StoreRuleMemory } from '../../src/rules/memory/index.js';
import { createScriptStore, type RulesEngine } from '../../src/rules/scripts/index.js';
import { createSender } from '../../src/sender/index.js';
import { sandboxTransport } from '../../src/sender/transport/index.js';
import { memoryStore } from '../../src/store/index.js';

/**
 * An engine whose "script" is the JSON of the result it gives: the deliverer's side is tested
 * on exact results, independently of the Sieve interpreter. The last rule set decides.
 */
export const resultEngine: RulesEngine = {
  compile(text) {
    return { ok: true, rules: JSON.parse(text) as RulesResult, diagnostics: [] };
  },
  async evaluate(sets) {
    return sets[sets.length - 1]!.rules as RulesResult;
  },
};

/** A result with defaults: ok, no actions, no implicit keep, one trace line. */
export function result(partial: Partial<RulesResult>): RulesResult {
  return {
    status: 'ok',
    diagnostics: [],
    actions: [],
    implicit_keep: null,
    trace: [{ position: { line: 1, column: 1 }, origin: 'personal', kind: 'action', description: 'test' }],
    ...partial,
  };
}

/** A deliverer with the rules hook on a memory store, accounts a@example.com and b@example.com. */
export async function rulesDeliverer() {
  const store = memoryStore();
  await store.open();
  const directory = createDirectory({ records: store.records, store });
  await directory.addAccount('a@example.com', { createDomain: true });
  await directory.addAccount('b@example.com');
  const scripts = createScriptStore({ records: store.records, engine: resultEngine });
  const memory = new StoreRuleMemory({ records: store.records });
  // Never started: what the rules hand over stays queued for the test to read.
  const queue = createSender({ store, transport: sandboxTransport(), hostname: 'mx.test', deliverLocal: async () => {} });
  const explanations = new DeliveryExplanations(store.records);
  const hook = createRulesHook({ scripts, engine: resultEngine, store, memory, explanations, hostname: 'mx.test', now: () => new Date('2026-06-01T12:00:00Z') });
  const deliverer = new Deliverer({ store, directory, hooks: [hook], outbound: queue, summaries: false });
  const setRules = async (account: string, rules: RulesResult) => {
    await scripts.put(account, 'main', JSON.stringify(rules));
    await scripts.activate(account, 'main');
  };
  return { store, directory, scripts, memory, queue, explanations, deliverer, setRules };
}

/** A message from bob@example.org to the given recipients. */
export function envelope(rcptTo: string[], mailFrom = 'bob@example.org'): Envelope {
  return { id: 'env1', mailFrom, rcptTo, receivedAt: new Date('2026-06-01T12:00:00Z'), session: { id: 's1', remoteAddress: '127.0.0.1', heloName: 'client', secure: false, authenticatedUser: null } };
}

export const message = bufferSource(
  'From: Bob <bob@example.org>\r\nTo: a@example.com, b@example.com\r\nSubject: Quarterly report\r\nMessage-ID: <m1@example.org>\r\nX-Spam: yes\r\n\r\nHello\r\n',
);
