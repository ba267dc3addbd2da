export { StoreQueue, type StoreQueueOptions } from './store-queue.js';
