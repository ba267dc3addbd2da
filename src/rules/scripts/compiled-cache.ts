import type { CompiledRuleSet, IncludeLookup, RulesEngine } from './engine.js';
import { formatDiagnostic } from './script-error.js';

/**
 * Compiled scripts by (scope, name, revision), bounded (least recently used goes first). A revision
 * changes on every write, so a stale entry is never used, even when another process wrote the
 * script; old revisions simply age out.
 */
export class CompiledCache {
  readonly #engine: RulesEngine;
  readonly #capacity: number;
  readonly #entries = new Map<string, CompiledRuleSet | string>();

  constructor(engine: RulesEngine, capacity = 1000) {
    this.#engine = engine;
    this.#capacity = capacity;
  }

  /**
   * The compiled script, or a one-line reason when a stored script no longer compiles (an engine
   * upgrade); delivery then skips it rather than failing. `revision` must change whenever the
   * script or a script it may include changes.
   */
  compiled(scope: string, name: string, revision: string, text: string, origin: string, include: IncludeLookup): CompiledRuleSet | string {
    const key = `${scope}\u0000${name}\u0000${revision}`;
    const cached = this.#entries.get(key);
    if (cached !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    const outcome = this.#engine.compile(text, include);
    const entry: CompiledRuleSet | string = outcome.ok ? { origin, rules: outcome.rules } : outcome.diagnostics.map(formatDiagnostic).join('; ');
    this.#entries.set(key, entry);
    if (this.#entries.size > this.#capacity) this.#entries.delete(this.#entries.keys().next().value!);
    return entry;
  }

  /** Forgets every entry of a scope (a write in this process; other processes rely on the revision). */
  forget(scope: string): void {
    for (const key of this.#entries.keys()) if (key.startsWith(`${scope}\u0000`)) this.#entries.delete(key);
  }
}
