import { ErrorCodes } from '../../errors/codes.js';
import { StoreError } from '../../errors/store-error.js';
import type { StoreIndex } from './store-index.js';

/**
 * Rejects when adding `added` to an account would pass its quota (RFC 9208 §5: a write that would
 * exceed a limit fails and changes nothing).
 *
 * @throws {StoreError} `QUOTA_EXCEEDED`
 */
export function checkQuota(index: StoreIndex, account: string, added: { messages: number; bytes: number }): void {
  const limits = index.quota(account);
  if (limits.maxBytes === undefined && limits.maxMessages === undefined) return;
  const usage = index.usage(account);
  if (limits.maxMessages !== undefined && usage.messages + added.messages > limits.maxMessages) {
    throw new StoreError(ErrorCodes.QUOTA_EXCEEDED, 'The mailbox is over its message quota', { logReason: `${account}: ${usage.messages} + ${added.messages} messages > ${limits.maxMessages}` });
  }
  if (limits.maxBytes !== undefined && usage.bytes + added.bytes > limits.maxBytes) {
    throw new StoreError(ErrorCodes.QUOTA_EXCEEDED, 'The mailbox is over its storage quota', { logReason: `${account}: ${usage.bytes} + ${added.bytes} bytes > ${limits.maxBytes}` });
  }
}
