/**
 * When to try a temporarily failed recipient again, and when to give up. The defaults follow
 * Postfix's spirit: first retry after 5 minutes (`minimal_backoff_time` 300s), doubling up to an
 * hour (`maximal_backoff_time` 4000s), giving up after 5 days (`maximal_queue_lifetime` 5d).
 */
export interface RetrySchedule {
  /** Delay before the first retry. Default 5 minutes. */
  firstRetryMs: number;
  /** Each further delay is the previous one times this. Default 2. */
  backoffFactor: number;
  /** The longest delay between two attempts. Default 1 hour. */
  maxRetryMs: number;
  /** How long a message may stay queued; a temporary failure after that is final. Default 5 days. */
  maxAgeMs: number;
}

/** The default {@link RetrySchedule}. */
export const DEFAULT_RETRY_SCHEDULE: Readonly<RetrySchedule> = Object.freeze({
  firstRetryMs: 5 * 60_000,
  backoffFactor: 2,
  maxRetryMs: 60 * 60_000,
  maxAgeMs: 5 * 24 * 60 * 60_000,
});

/** The default delay before a "delayed" warning DSN (RFC 3464 action `delayed`): 4 hours, as Postfix's `delay_warning_time` when set. */
export const DEFAULT_WARN_AFTER_MS = 4 * 60 * 60_000;

/**
 * Fills a partial schedule with the defaults and checks it: every duration a positive number,
 * the factor at least 1.
 *
 * @example
 * const schedule = retrySchedule({ firstRetryMs: 60_000 });
 */
export function retrySchedule(partial: Partial<RetrySchedule> = {}): RetrySchedule {
  const schedule = { ...DEFAULT_RETRY_SCHEDULE, ...partial };
  for (const name of ['firstRetryMs', 'maxRetryMs', 'maxAgeMs'] as const) {
    if (!(Number.isFinite(schedule[name]) && schedule[name] > 0)) throw new RangeError(`retry schedule: ${name} must be a positive number of milliseconds, got ${schedule[name]}`);
  }
  if (!(Number.isFinite(schedule.backoffFactor) && schedule.backoffFactor >= 1)) throw new RangeError(`retry schedule: backoffFactor must be at least 1, got ${schedule.backoffFactor}`);
  return schedule;
}

/**
 * The delay before the next attempt, after `failedAttempts` temporary failures (1 for the first):
 * `firstRetryMs × backoffFactor^(failedAttempts − 1)`, at most `maxRetryMs`.
 */
export function retryDelay(schedule: RetrySchedule, failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(schedule.maxRetryMs, schedule.firstRetryMs * schedule.backoffFactor ** exponent);
}
