import type { ErrorCode } from './codes.js';
import { PosthouseError } from './posthouse-error.js';

/** An error from a store adapter; `code` says which contract rule was hit. */
export class StoreError extends PosthouseError {
  constructor(code: ErrorCode, message: string, options?: { logReason?: string; cause?: unknown }) {
    super(code, message, options);
    this.name = 'StoreError';
  }
}
