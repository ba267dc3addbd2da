export type * from './message.js';
export type * from './store.js';
export type * from './logger.js';
export type * from './envelope.js';
export type * from './directory.js';
export type * from './delivery.js';
export type * from './events.js';
