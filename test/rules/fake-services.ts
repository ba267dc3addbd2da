import type { RuleMemory, RuleServices } from '../../src/interfaces/rules.js';

/** In-memory RuleServices for tests: memory by account/kind/key, a fixed mailbox list. */
export function fakeServices(options: { mailboxes?: string[]; addresses?: string[] } = {}): RuleServices & { records: Map<string, Date> } {
  const records = new Map<string, Date>();
  const memory: RuleMemory = {
    async seenWithin(account, kind, key, seconds, now) {
      const at = records.get(`${account}\n${kind}\n${key}`);
      return at !== undefined && now.getTime() - at.getTime() < seconds * 1000;
    },
    async record(account, kind, key, now) {
      records.set(`${account}\n${kind}\n${key}`, now);
    },
  };
  return {
    records,
    memory,
    mailboxExists: async (_account, mailbox) => (options.mailboxes ?? ['INBOX']).includes(mailbox),
    addressesOf: async () => options.addresses ?? [],
  };
}
