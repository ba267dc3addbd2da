import type { ErrorCode } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { RuleDiagnostic } from '../../interfaces/rules.js';

/**
 * An error of script storage: a stable code (`RULES_*`) and, for a script that does not compile,
 * its positioned diagnostics (also spelled out in the message, which crosses the control socket).
 */
export class ScriptError extends PosthouseError {
  readonly diagnostics: RuleDiagnostic[];

  constructor(code: ErrorCode, message: string, diagnostics: RuleDiagnostic[] = []) {
    super(code, message);
    this.name = 'ScriptError';
    this.diagnostics = diagnostics;
  }
}

/** One diagnostic as `line:column: message` (RFC 5804 §2.6 asks for a human-readable reason). */
export function formatDiagnostic(diagnostic: RuleDiagnostic): string {
  const where = diagnostic.position === null ? '' : `line ${diagnostic.position.line}:${diagnostic.position.column}: `;
  return `${where}${diagnostic.severity === 'warning' ? 'warning: ' : ''}${diagnostic.message}`;
}
