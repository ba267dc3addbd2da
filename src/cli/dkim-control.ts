import { dkimDnsRecord, generateDkimKey, type DkimAlgorithm, type DkimKey } from '../sender/dkim/index.js';
import type { MailServer } from '../server.js';

/** A DKIM key as the control socket answers it: never the private key, always the TXT record to publish. */
export type DkimKeyInfo = Omit<DkimKey, 'privateKey'> & { zoneLine: string };

/** The DKIM methods the control socket serves, so `posthouse dkim` works while a server runs. */
export interface DkimControl {
  /** Makes a key for `domain` (replacing its old one) in the server; `algorithm` is `rsa` (default) or `ed25519`. */
  dkimGenerate(domain: string, selector?: string, algorithm?: string): Promise<DkimKeyInfo>;
  /** The key of `domain`, or null when it has none. */
  dkimShow(domain: string): Promise<DkimKeyInfo | null>;
}

/**
 * The DKIM methods on a server's keys (kept in its store's records): a key made here signs the
 * server's next outbound message (RFC 6376), with no restart.
 *
 * @example
 * const { zoneLine } = await dkimControl(server).dkimGenerate('example.com', 'mail', 'ed25519');
 */
export function dkimControl(server: MailServer): DkimControl {
  return {
    async dkimGenerate(domain, selector, algorithm) {
      // generateDkimKey refuses an algorithm other than rsa or ed25519 with CONFIG_INVALID
      const key = generateDkimKey(domain, { ...(selector === undefined ? {} : { selector }), ...(algorithm === undefined ? {} : { algorithm: algorithm as DkimAlgorithm }) });
      await server.dkim.put(key);
      return publicInfo(key);
    },
    async dkimShow(domain) {
      const key = await server.dkim.get(domain);
      return key === undefined ? null : publicInfo(key);
    },
  };
}

function publicInfo(key: DkimKey): DkimKeyInfo {
  const { privateKey: _privateKey, ...shown } = key;
  return { ...shown, zoneLine: dkimDnsRecord(key).zoneLine };
}
