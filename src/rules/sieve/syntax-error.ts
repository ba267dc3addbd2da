import type { SourcePosition } from '../../interfaces/rules.js';

/** A script fault found while reading or validating it; becomes a compile diagnostic, never escapes. */
export class SieveSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition | null,
  ) {
    super(message);
    this.name = 'SieveSyntaxError';
  }
}
