import { describe, it } from 'node:test';
import type { StoreComplianceCase, StoreFactory } from './store-compliance-helpers.js';
import { flagCases } from './store-compliance-flags.js';
import { mailboxCases } from './store-compliance-mailboxes.js';
import { messageCases } from './store-compliance-messages.js';
import { orderCases } from './store-compliance-order.js';
import { persistenceCases } from './store-compliance-persistence.js';
import { stateCases } from './store-compliance-state.js';

export type { StoreComplianceCase, StoreFactory } from './store-compliance-helpers.js';

/**
 * Every case of the store contract (`src/interfaces/store.ts`), runnable under any test
 * framework: call `run(factory)` and treat a rejection as a failure. Cases for persistent
 * adapters are in {@link storePersistenceCases}.
 *
 * Adapters may expose `blobCount(): number` (the number of stored blobs) so the cases can check
 * that a blob goes with its last message; without it those checks fall back to `readMessage`.
 */
export const storeComplianceCases: StoreComplianceCase[] = [...mailboxCases, ...messageCases, ...orderCases, ...flagCases, ...stateCases];

/** The cases that need `factory.reopen()`: data, UIDs and blobs across close and reopen. */
export const storePersistenceCases: StoreComplianceCase[] = persistenceCases;

/**
 * Registers the compliance suite with `node:test`: one `it` per case, the persistence cases
 * only when the factory can reopen.
 *
 * @example
 * runStoreComplianceSuite('memoryStore', { create: async () => memoryStore() });
 */
export function runStoreComplianceSuite(label: string, factory: StoreFactory): void {
  describe(`store compliance: ${label}`, () => {
    const cases = factory.reopen === undefined ? storeComplianceCases : [...storeComplianceCases, ...storePersistenceCases];
    for (const testCase of cases) {
      it(testCase.name, async () => {
        try {
          await testCase.run(factory);
        } finally {
          await factory.dispose?.();
        }
      });
    }
  });
}
