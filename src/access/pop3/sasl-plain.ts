/** The credentials of a SASL PLAIN message (RFC 4616 §2). */
export interface PlainCredentials {
  authorizationId: string;
  username: string;
  password: string;
}

/** Whether `text` is canonical base64 (RFC 4648 §4), the only encoding SASL responses use. */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/**
 * Decodes `[authzid] NUL authcid NUL passwd` (RFC 4616 §2) from base64; null when the message
 * does not have exactly that shape or a part is not UTF-8.
 *
 * @example
 * parsePlain(Buffer.from('\0alice@example.com\0s3cret').toString('base64'));
 */
export function parsePlain(base64: string): PlainCredentials | null {
  if (!isBase64(base64)) return null;
  const parts = Buffer.from(base64, 'base64').toString('latin1').split('\0');
  if (parts.length !== 3) return null;
  const decoded = parts.map((part) => Buffer.from(part, 'latin1'));
  if (!decoded.every((part) => isUtf8(part))) return null;
  const [authorizationId, username, password] = decoded.map((part) => part.toString('utf8')) as [string, string, string];
  if (username === '' || password === '') return null;
  return { authorizationId, username, password };
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
