export { createSender, Sender, type SenderOptions } from './sender.js';
export type { QueueEntry, RecipientState, RecipientStatus, RecipientReply, AttemptRecord, DsnParameters } from './queue/queue-entry.js';
export type { QueueSummary } from './queue/queue-summary.js';
export { DEFAULT_RETRY_SCHEDULE, DEFAULT_WARN_AFTER_MS, retryDelay, retrySchedule, type RetrySchedule } from './scheduler/retry-schedule.js';
export { manualClock, type ManualClock } from './scheduler/manual-clock.js';
