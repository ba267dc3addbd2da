import { memoryStore } from '../../src/store/index.js';
import { runStoreComplianceSuite } from '../../src/testing/store-compliance.js';

runStoreComplianceSuite('memoryStore', { create: async () => memoryStore() });
