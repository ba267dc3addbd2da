// posthouse/testing: the test kit and the store compliance suite.
export { startTestServer, type TestServer, type TestServerOptions } from './test-server.js';
export type { TestMessage, TestAttachment } from './test-message.js';
export type { MessageMatch, TextMatcher } from './message-match.js';
export { storeComplianceCases, storePersistenceCases, runStoreComplianceSuite } from './store-compliance.js';
export type { StoreComplianceCase, StoreFactory } from './store-compliance.js';
