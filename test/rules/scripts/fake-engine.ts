import type { RulesEngine } from '../../../src/rules/scripts/engine.js';

/**
 * A stand-in engine for script-storage tests: a script compiles unless it contains `bad`, whose
 * position becomes the diagnostic's; the compiled form is the text. Counts compilations.
 */
export function fakeEngine(): RulesEngine & { compilations: number } {
  const engine = {
    compilations: 0,
    compile(text: string) {
      engine.compilations++;
      const at = text.indexOf('bad');
      if (at < 0) return { ok: true, rules: text, diagnostics: [] };
      const line = text.slice(0, at).split('\n').length;
      const column = at - text.lastIndexOf('\n', at - 1);
      return { ok: false, diagnostics: [{ severity: 'error' as const, message: 'unknown command "bad"', position: { line, column } }] };
    },
    async evaluate() {
      throw new Error('not used by script storage');
    },
  };
  return engine;
}
