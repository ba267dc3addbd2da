export { levelStore, LevelStore, type LevelStoreOptions } from './level-store.js';
export { classicLevelBackend, type LevelBackend, type BackendOperation } from './backend.js';
