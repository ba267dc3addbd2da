import { generateKeyPairSync } from 'node:crypto';
import { ErrorCodes } from '../../errors/codes.js';
import { PosthouseError } from '../../errors/posthouse-error.js';
import type { RecordStore } from '../../interfaces/store.js';

/** The two signing algorithms of DKIM in use today: RSA (RFC 6376 §3.3) and Ed25519 (RFC 8463). */
export type DkimAlgorithm = 'rsa' | 'ed25519';

/** One domain's signing key, as kept in the store's records. */
export interface DkimKey {
  /** The signing domain (`d=`), lower-case. */
  domain: string;
  /** The selector (`s=`): the key is published at `<selector>._domainkey.<domain>`. */
  selector: string;
  algorithm: DkimAlgorithm;
  /** PKCS#8 PEM. */
  privateKey: string;
  /** The public key as published in `p=`: base64 SubjectPublicKeyInfo for RSA, the raw 32 octets for Ed25519. */
  publicKey: string;
  createdAt: string;
}

const NAMESPACE = 'sender.dkim';
const SELECTOR = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/i;

function invalid(message: string): PosthouseError {
  return new PosthouseError(ErrorCodes.CONFIG_INVALID, `DKIM: ${message}`);
}

/**
 * Makes a new key pair for `domain` (RSA 2048 bits, or Ed25519 per RFC 8463). Throws a
 * `CONFIG_INVALID` {@link PosthouseError} for a malformed domain or selector.
 *
 * @example
 * const key = generateDkimKey('example.com', { selector: 'mail', algorithm: 'ed25519' });
 */
export function generateDkimKey(domain: string, options: { selector?: string; algorithm?: DkimAlgorithm; now?: Date } = {}): DkimKey {
  const selector = options.selector ?? 'posthouse';
  const algorithm = options.algorithm ?? 'rsa';
  if (!DOMAIN.test(domain)) throw invalid(`'${domain}' is not a domain name`);
  if (!SELECTOR.test(selector)) throw invalid(`'${selector}' is not a valid selector`);
  if (algorithm !== 'rsa' && algorithm !== 'ed25519') throw invalid(`unknown algorithm '${String(algorithm)}' (rsa or ed25519)`);
  const pair =
    algorithm === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ed25519');
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  // RFC 8463 §4.2: an Ed25519 p= is the bare key, the last 32 octets of its SubjectPublicKeyInfo
  const published = algorithm === 'rsa' ? spki : spki.subarray(spki.length - 32);
  return {
    domain: domain.toLowerCase(),
    selector: selector.toLowerCase(),
    algorithm,
    privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: published.toString('base64'),
    createdAt: (options.now ?? new Date()).toISOString(),
  };
}

/** The TXT record's name and text to publish for `key` (RFC 6376 §3.6.1, §3.6.2.1). */
export function dkimDnsRecord(key: DkimKey): { name: string; value: string; zoneLine: string } {
  const name = `${key.selector}._domainkey.${key.domain}`;
  const value = `v=DKIM1; k=${key.algorithm}; p=${key.publicKey}`;
  // a TXT string is at most 255 octets (RFC 1035 §3.3.14): longer keys are split into several
  const strings = value.match(/.{1,255}/g) ?? [];
  return { name, value, zoneLine: `${name}. IN TXT ${strings.map((part) => `"${part}"`).join(' ')}` };
}

/**
 * The DKIM keys of the local domains, one per domain, kept in the store's records (namespace
 * `sender.dkim`) so that they live and are backed up with the rest of the server's state.
 */
export class DkimKeys {
  readonly #records: RecordStore;

  constructor(records: RecordStore) {
    this.#records = records;
  }

  /** The key that signs mail of `domain`, if there is one. */
  async get(domain: string): Promise<DkimKey | undefined> {
    return this.#records.get<DkimKey>(NAMESPACE, domain.toLowerCase());
  }

  /** Keeps `key` for its domain, replacing the previous one; durable when it resolves. */
  async put(key: DkimKey): Promise<void> {
    await this.#records.put(NAMESPACE, key.domain, key);
  }

  async remove(domain: string): Promise<void> {
    await this.#records.delete(NAMESPACE, domain.toLowerCase());
  }

  async list(): Promise<DkimKey[]> {
    return (await this.#records.list<DkimKey>(NAMESPACE)).map((entry) => entry.value);
  }
}
