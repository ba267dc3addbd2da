export { memoryStore, MemoryStore, type MemoryStoreOptions } from './memory-store.js';
