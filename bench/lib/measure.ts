import { runSmtpLoad } from './smtp-load.js';

/** Throughput of one measured load run. */
export interface Measurement {
  messagesPerSecond: number;
  elapsedMs: number;
}

/**
 * Sends `messages` messages to the server on `port` over `sessions` sessions and returns the
 * throughput. Throws when any transaction or session failed: a rate over refused mail means nothing.
 */
export async function measureThroughput(port: number, sessions: number, messages: number, runId: string): Promise<Measurement> {
  const result = await runSmtpLoad({ host: '127.0.0.1', port, sessions, messages, runId });
  const failures = Object.keys(result.rejected).length + result.sessionErrors.length;
  if (failures > 0 || result.accepted !== messages) {
    throw new Error(`run ${runId}: ${result.accepted}/${messages} accepted, rejected ${JSON.stringify(result.rejected)}, session errors ${JSON.stringify(result.sessionErrors.slice(0, 3))}`);
  }
  return { messagesPerSecond: (result.accepted * 1000) / result.elapsedMs, elapsedMs: result.elapsedMs };
}

/** The median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
