import { resolve } from 'node:path';
import { ErrorCodes } from '../errors/codes.js';
import { isPosthouseError, PosthouseError } from '../errors/posthouse-error.js';
import type { DkimAlgorithm, DkimKeys } from '../sender/dkim/index.js';
import { dataDirectory, dataFlag } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';
import { UsageError } from './usage-error.js';

/**
 * Runs `work` on the DKIM keys of the store in `dataDir`, opened here. Keys are not served by
 * the control socket: a running server holds the store, so this asks for it to be stopped.
 */
async function withKeys<T>(dataDir: string, work: (keys: DkimKeys) => Promise<T>): Promise<T> {
  // loaded here, not at the top: help does not need the store
  const [{ levelStore }, { DkimKeys: Keys }] = await Promise.all([import('../store/index.js'), import('../sender/dkim/index.js')]);
  const store = levelStore({ path: resolve(dataDir) });
  try {
    await store.open();
  } catch (error) {
    if (isPosthouseError(error, ErrorCodes.STORE_LOCKED)) {
      throw new PosthouseError(ErrorCodes.STORE_LOCKED, `the data directory ${dataDir} is in use by a running posthouse; stop it to manage DKIM keys`, { cause: error });
    }
    throw error;
  }
  try {
    return await work(new Keys(store.records));
  } finally {
    await store.close();
  }
}

const generate: Command = {
  name: 'dkim generate',
  summary: 'Create a DKIM key for a domain (replacing its old one) and print the DNS TXT record to publish.',
  usage: 'DOMAIN [--selector S] [--algorithm rsa|ed25519] [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: {
    selector: { type: 'string', valueName: 'S', description: 'the selector, published at S._domainkey.DOMAIN (default posthouse)' },
    algorithm: { type: 'string', valueName: 'ALG', description: 'rsa (2048 bits, the default, understood everywhere) or ed25519 (RFC 8463)' },
    data: dataFlag,
  },
  notes: 'Publish the printed record before mail is signed with the key, or receivers fail its signatures.',
  async run(input) {
    const algorithm = input.flags['algorithm'] ?? 'rsa';
    if (algorithm !== 'rsa' && algorithm !== 'ed25519') throw new UsageError(`--algorithm must be rsa or ed25519, not '${String(algorithm)}'`, 'dkim generate');
    const selector = typeof input.flags['selector'] === 'string' ? input.flags['selector'] : undefined;
    const { generateDkimKey, dkimDnsRecord } = await import('../sender/dkim/index.js');
    const key = generateDkimKey(input.positionals[0] ?? '', { algorithm: algorithm as DkimAlgorithm, ...(selector === undefined ? {} : { selector }) });
    await withKeys(dataDirectory(input), (keys) => keys.put(key));
    input.io.out(`${dkimDnsRecord(key).zoneLine}\n`);
    return 0;
  },
};

const show: Command = {
  name: 'dkim show',
  summary: "Print a domain's DKIM selector, algorithm and the DNS TXT record to publish.",
  usage: 'DOMAIN [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const domain = input.positionals[0] ?? '';
    const { dkimDnsRecord } = await import('../sender/dkim/index.js');
    const key = await withKeys(dataDirectory(input), (keys) => keys.get(domain));
    if (key === undefined) throw new PosthouseError(ErrorCodes.CONFIG_INVALID, `no DKIM key for ${domain}; create one with 'posthouse dkim generate ${domain}'`);
    input.io.out(`domain ${key.domain}  selector ${key.selector}  algorithm ${key.algorithm}  created ${key.createdAt}\n${dkimDnsRecord(key).zoneLine}\n`);
    return 0;
  },
};

/** `posthouse dkim …`: DKIM signing keys per domain (RFC 6376) and the DNS records to publish. */
export const dkimCommands: CommandGroup = {
  name: 'dkim',
  summary: 'Manage the DKIM signing keys of the local domains.',
  commands: [generate, show],
};
