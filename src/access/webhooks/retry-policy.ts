/** When to retry and when to give up; every duration in ms. */
export interface RetryPolicy {
  /** Time a POST may take before it counts as failed (default 10 s). */
  timeoutMs: number;
  /** Delay before the first retry; each further retry doubles it (default 30 s). */
  initialDelayMs: number;
  /** Longest delay between two attempts (default 1 h). */
  maxDelayMs: number;
  /** A delivery still failing this long after its message arrived is given up (default 24 h). */
  giveUpAfterMs: number;
}

/** The defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY: RetryPolicy = { timeoutMs: 10_000, initialDelayMs: 30_000, maxDelayMs: 3_600_000, giveUpAfterMs: 86_400_000 };

/** The delay after failed attempt number `attempts` (1-based): exponential, capped. */
export function retryDelay(policy: RetryPolicy, attempts: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempts - 1, 30));
}
