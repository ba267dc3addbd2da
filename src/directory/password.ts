import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * A password kept as an scrypt hash (RFC 7914) with the parameters it was made with, so the
 * parameters can be raised later without invalidating existing hashes.
 */
export interface PasswordHash {
  scheme: 'scrypt';
  /** CPU/memory cost (a power of two). */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
  /** Base64 of the random salt. */
  salt: string;
  /** Base64 of the derived key. */
  hash: string;
}

/** Today's parameters: 16 MiB and some 50 ms per hash, the interactive-login level of RFC 7914 §2. */
const CURRENT = { N: 16_384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;

function derive(password: string, salt: Buffer, parameters: ScryptOptions & { N: number; r: number; p: number }): Promise<Buffer> {
  // scrypt refuses by default anything over 32 MiB; allow what the recorded parameters need.
  const maxmem = 256 * parameters.N * parameters.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { ...parameters, maxmem }, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/**
 * Hashes a password with scrypt and a fresh random 16-byte salt.
 *
 * @example
 * const record = await hashPassword('s3cret'); // { scheme: 'scrypt', N: 16384, ... }
 */
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, CURRENT);
  return { scheme: 'scrypt', ...CURRENT, salt: salt.toString('base64'), hash: key.toString('base64') };
}

/**
 * Whether `password` matches `record`, compared in constant time. A malformed record never matches.
 *
 * @example
 * await verifyPassword('s3cret', record); // true
 */
export async function verifyPassword(password: string, record: PasswordHash): Promise<boolean> {
  try {
    const expected = Buffer.from(record.hash, 'base64');
    const key = await derive(password, Buffer.from(record.salt, 'base64'), { N: record.N, r: record.r, p: record.p });
    return expected.length === key.length && timingSafeEqual(expected, key);
  } catch {
    return false;
  }
}

/**
 * A hash no password is checked against successfully in practice, used to spend one scrypt on an
 * unknown user so that the time a failed login takes does not tell which addresses exist.
 */
export function decoyHash(): PasswordHash {
  return { scheme: 'scrypt', ...CURRENT, salt: randomBytes(SALT_BYTES).toString('base64'), hash: randomBytes(KEY_BYTES).toString('base64') };
}
