/**
 * The store role: the shared {@link AbstractStore} and its adapters. See `src/interfaces/store.ts`
 * for the contract and `posthouse/testing` for the compliance suite every adapter must pass.
 */
export { AbstractStore, toStoreError } from './abstract-store.js';
export type { AbstractStoreOptions, AccountMailbox, NormalisedDelivery, NormalisedTarget, Outcome } from './adapter-types.js';
export { IndexedStore } from './indexed/indexed-store.js';
export type { Mutation, MailboxRecord, MessageRecord } from './indexed/records.js';
export { memoryStore, MemoryStore, type MemoryStoreOptions } from './memory/index.js';
export { levelStore, LevelStore, classicLevelBackend, type LevelStoreOptions, type LevelBackend, type BackendOperation } from './level/index.js';
export { normaliseMailboxName, HIERARCHY_SEPARATOR, MAX_MAILBOX_NAME_BYTES } from './validation/mailbox-name.js';
export { normaliseFlags, applyFlagOperation } from './validation/flags.js';
