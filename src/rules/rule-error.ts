import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';

/**
 * A programmer error in using the rules API (an empty mailbox name given to a typed rule, a
 * non-serialisable rule passed to `toSieve`). Script and message faults never throw: they become
 * diagnostics.
 */
export class RuleError extends PosthouseError {
  constructor(message: string) {
    super(ErrorCodes.RULE_INVALID, message);
    this.name = 'RuleError';
  }
}
