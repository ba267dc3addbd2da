/** RFC 9051 §2.3.2 system flags; compared and reported lower case (the shared cases' schema). */
const SYSTEM_FLAGS = new Set(['\\seen', '\\answered', '\\flagged', '\\deleted', '\\draft', '\\recent']);

/**
 * Splits flag strings at spaces (RFC 5232 §3: a flag list may hold several space-separated
 * flags), lower-cases system flags, keeps keywords' case, removes duplicates (keywords compare
 * case-insensitively), sorts.
 */
export function normaliseFlags(values: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const value of values) {
    for (const flag of value.split(/\s+/)) {
      if (flag === '') continue;
      const lower = flag.toLowerCase();
      if (!byKey.has(lower)) byKey.set(lower, SYSTEM_FLAGS.has(lower) ? lower : flag);
    }
  }
  return [...byKey.values()].sort();
}

/** `current` without any of `removed` (case-insensitive). */
export function removeFlags(current: readonly string[], removed: readonly string[]): string[] {
  const gone = new Set(normaliseFlags(removed).map((flag) => flag.toLowerCase()));
  return current.filter((flag) => !gone.has(flag.toLowerCase()));
}
