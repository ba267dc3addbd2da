import type { SourcePosition } from '../../interfaces/rules.js';

/**
 * A fault found while a script runs (an action conflict, an invalid redirect address, a limit
 * reached). The engine turns it into `status: "error"` with the implicit keep, never lets it out.
 */
export class SieveRuntimeError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition | null,
  ) {
    super(message);
    this.name = 'SieveRuntimeError';
  }
}
