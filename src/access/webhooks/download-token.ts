import { createHmac, timingSafeEqual } from 'node:crypto';

/** The path under which attachment downloads are served by the HTTP API. */
export const DOWNLOAD_PATH = '/webhooks/attachments';

function tokenOf(key: Buffer, messageId: string, index: number, expires: number): string {
  return createHmac('sha256', key).update(`${messageId}/${index}/${expires}`).digest('hex');
}

/** A signed download path for attachment `index` of a webhook message, valid until `expires` (Unix seconds). */
export function signedDownloadPath(key: Buffer, messageId: string, index: number, expires: number): string {
  return `${DOWNLOAD_PATH}/${encodeURIComponent(messageId)}/${index}?expires=${expires}&token=${tokenOf(key, messageId, index, expires)}`;
}

/** Whether a download request's token is the one signed for it and has not expired; constant-time. */
export function verifyDownloadToken(key: Buffer, messageId: string, index: number, expires: number, token: string, nowSeconds: number): boolean {
  if (!Number.isSafeInteger(expires) || expires < nowSeconds || !/^[0-9a-f]{64}$/.test(token)) return false;
  return timingSafeEqual(Buffer.from(token, 'hex'), Buffer.from(tokenOf(key, messageId, index, expires), 'hex'));
}
