import type { DKIMSignOptions } from 'mailauth';
import { readHeaderSection } from '../../mime/header-section.js';
import { parseAddressValues } from '../../mime/addresses.js';
import { lazyImport } from '../../core/lazy-module.js';
import type { DkimKey } from './keys.js';

/** mailauth, loaded on the first signature: ~11 MB of heap that a server signing nothing need not hold. */
const loadMailauth = lazyImport(() => import('mailauth'));

/**
 * The header fields we sign (RFC 6376 §5.4.1), the ones a DMARC evaluator and a reader care about.
 * `From` is listed twice so that a second From added in transit breaks the signature (§8.15).
 */
const SIGNED_HEADERS = 'From:From:Reply-To:Subject:Date:To:Cc:Message-ID:In-Reply-To:References:MIME-Version:Content-Type:Content-Transfer-Encoding'.split(':');

/**
 * Signs `raw` with `key` (rsa-sha256 or ed25519-sha256, relaxed/relaxed) and returns the message
 * with its DKIM-Signature field in front (RFC 6376 §3.5). Throws when mailauth could not sign.
 *
 * @example
 * const signed = await signWithDkim(raw, await keys.get('example.com'));
 */
export async function signWithDkim(raw: Buffer, key: DkimKey, now: Date = new Date()): Promise<Buffer> {
  const signature = {
    signingDomain: key.domain,
    selector: key.selector,
    privateKey: key.privateKey,
    algorithm: key.algorithm === 'rsa' ? 'rsa-sha256' : 'ed25519-sha256',
  };
  // mailauth's types name the key at the top level; its signer reads it from signatureData
  const options: DKIMSignOptions & { signatureData: Array<typeof signature> } = {
    ...signature,
    canonicalization: 'relaxed/relaxed',
    headerList: SIGNED_HEADERS,
    signTime: now,
    signatureData: [signature],
  };
  const { dkimSign } = await loadMailauth();
  const result = await dkimSign(raw, options);
  if (result.errors.length > 0 || result.signatures.trim() === '') {
    const reason = result.errors.map((error) => (error instanceof Error ? error.message : String(error))).join('; ');
    throw new Error(`DKIM signing for ${key.domain} failed: ${reason || 'no signature produced'}`);
  }
  return Buffer.concat([Buffer.from(result.signatures, 'utf8'), raw]);
}

/** The domain of the message's first From address (the DMARC "RFC5322.From" domain), lower-case. */
export function headerFromDomain(raw: Buffer): string | null {
  const { fields } = readHeaderSection(raw);
  const values = fields.filter((field) => field.name === 'from').map((field) => field.value);
  const address = parseAddressValues(values)[0]?.address;
  const at = address?.lastIndexOf('@') ?? -1;
  return address === undefined || at < 0 ? null : address.slice(at + 1).toLowerCase();
}
