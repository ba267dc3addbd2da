import { lazyImport } from '../core/lazy-module.js';

/** selfsigned (~3 MB of heap with its crypto library), loaded only when a certificate is made. */
const loadSelfsigned = lazyImport(() => import('selfsigned'));

/**
 * A throw-away self-signed certificate for `hostname`, for `--dev-tls` and tests only: clients
 * must be told not to verify it. RSA 2048, SHA-256, valid for 30 days, with the name as CN and
 * subjectAltName.
 *
 * @example
 * const tls = await generateDevCertificate('localhost');
 * new Receiver({ agent, hostname: 'localhost', tls });
 */
export async function generateDevCertificate(hostname: string): Promise<{ key: string; cert: string }> {
  const { generate } = await loadSelfsigned();
  const now = new Date();
  const pems = await generate([{ name: 'commonName', value: hostname }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate: now,
    notAfterDate: new Date(now.getTime() + 30 * 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: hostname }] },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
