import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a signed POST carries (the scheme of Stripe's `Stripe-Signature`). */
export const SIGNATURE_HEADER = 'Posthouse-Signature';

function hmacHex(secret: string, timestamp: number, body: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/**
 * The `Posthouse-Signature` value for `body` sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`.
 *
 * @example
 * signWebhook('whsec-0123456789abcdef', 1767225600, '{"subject":"hi"}'); // 't=1767225600,v1=…'
 */
export function signWebhook(secret: string, timestamp: number, body: Buffer | string): string {
  return `t=${timestamp},v1=${hmacHex(secret, timestamp, body)}`;
}

/** Options of {@link verifyWebhookSignature}. */
export interface VerifyOptions {
  /** Largest accepted age (or clock skew) of the timestamp, in seconds; default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock, in Unix seconds (tests). Default: now. */
  now?: number;
}

/**
 * For receivers: whether `header` (the `Posthouse-Signature` value) signs `body` (the raw
 * request body, exactly as received, before any JSON parsing) with `secret`, at a timestamp
 * within `toleranceSeconds` of now (a replayed old request fails). Any `v1` entry may match, so a
 * secret can be rotated. Compares in constant time; never throws.
 *
 * @example
 * app.post('/hooks/mail', express.raw({ type: '*\/*' }), (req, res) => {
 *   if (!verifyWebhookSignature(process.env.POSTHOUSE_SECRET!, req.get('posthouse-signature') ?? '', req.body)) return res.sendStatus(400);
 *   res.sendStatus(204);
 * });
 */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, body: Buffer | string, options: VerifyOptions = {}): boolean {
  if (typeof header !== 'string' || header.length > 4096) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value = ''] = part.trim().split('=', 2);
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmacHex(secret, timestamp, body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
