import type { Clock } from '../../interfaces/sender.js';

/** A {@link Clock} that moves only when told: tests run a whole retry schedule instantly. */
export interface ManualClock extends Clock {
  /** Moves the time forward by `ms`. */
  advance(ms: number): void;
  /** Sets the time. */
  set(at: Date): void;
}

/**
 * A clock for tests, starting at `start`.
 *
 * @example
 * const clock = manualClock(new Date('2026-05-01T00:00:00Z'));
 * const sender = createSender({ ..., clock });
 * clock.advance(5 * 60_000);
 * await sender.runDue();
 */
export function manualClock(start: Date = new Date(0)): ManualClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advance(ms) {
      current += ms;
    },
    set(at) {
      current = at.getTime();
    },
  };
}
