import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * Watches the event loop's delay from now until `stop()`, which resolves the longest delay seen,
 * in milliseconds. A safety bound for tests that a server never blocks its loop for long.
 */
export function watchEventLoop(): { stop(): number } {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return {
    stop() {
      histogram.disable();
      return histogram.max / 1e6;
    },
  };
}
