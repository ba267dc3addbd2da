import { compareUtf8 } from '../compare-utf8.js';
import type { LevelBackend } from './backend.js';
import type { KeyRange } from './keys.js';

/**
 * The entries of `range` as they will be once `held` (writes not yet in `backend`, newest value
 * per key, null for a delete) reach it, in LevelDB's key order.
 */
export async function* entriesWithHeld(backend: LevelBackend, held: ReadonlyMap<string, Buffer | null>, range: KeyRange): AsyncIterable<[string, Buffer]> {
  const inRange = [...held].filter(([key]) => compareUtf8(key, range.gte) >= 0 && compareUtf8(key, range.lt) < 0);
  if (inRange.length === 0) {
    yield* backend.entries(range);
    return;
  }
  const merged = new Map<string, Buffer | null>();
  for await (const [key, value] of backend.entries(range)) merged.set(key, value);
  for (const [key, value] of inRange) merged.set(key, value);
  for (const key of [...merged.keys()].sort(compareUtf8)) {
    const value = merged.get(key);
    if (value) yield [key, value];
  }
}
