import { ErrorCodes } from '../../errors/codes.js';
import { ScriptError } from './script-error.js';

/** Bounds on what an account may store; ManageSieve's HAVESPACE answers from them (RFC 5804 §2.5). */
export interface ScriptLimits {
  /** Largest script in octets (default 256 KiB). */
  maxScriptBytes: number;
  /** Scripts per account (default 32). */
  maxScriptsPerAccount: number;
  /** Longest script name in characters (default 128). */
  maxNameLength: number;
}

/** The defaults of {@link ScriptLimits}. */
export const DEFAULT_SCRIPT_LIMITS: ScriptLimits = { maxScriptBytes: 256 * 1024, maxScriptsPerAccount: 32, maxNameLength: 128 };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// RFC 5804 §1.6: a script name is a Net-Unicode string without control characters.
const FORBIDDEN_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** Checks a script name; throws `RULES_SCRIPT_NAME_INVALID`. */
export function checkScriptName(name: unknown, limits: ScriptLimits): string {
  if (typeof name !== 'string' || name.length === 0) throw new ScriptError(ErrorCodes.RULES_SCRIPT_NAME_INVALID, 'A script name must not be empty');
  if (name.length > limits.maxNameLength) {
    throw new ScriptError(ErrorCodes.RULES_SCRIPT_NAME_INVALID, `A script name must be at most ${limits.maxNameLength} characters`);
  }
  if (FORBIDDEN_IN_NAME.test(name) || LONE_SURROGATE.test(name)) {
    throw new ScriptError(ErrorCodes.RULES_SCRIPT_NAME_INVALID, 'A script name must not contain control characters');
  }
  return name;
}

/** Checks a script's size; throws `RULES_QUOTA_EXCEEDED`. */
export function checkScriptSize(text: string, limits: ScriptLimits): void {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > limits.maxScriptBytes) {
    throw new ScriptError(ErrorCodes.RULES_QUOTA_EXCEEDED, `Script of ${size} octets is larger than the limit of ${limits.maxScriptBytes}`);
  }
}
