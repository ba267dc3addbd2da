import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';
import { UsageError } from './usage-error.js';

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
    const key = await withDirectory(dataDirectory(input), true, (control) => control.dkimGenerate(input.positionals[0] ?? '', selector, algorithm));
    input.io.out(`${key.zoneLine}\n`);
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
    const key = await withDirectory(dataDirectory(input), false, (control) => control.dkimShow(domain));
    if (key === null) throw new PosthouseError(ErrorCodes.CONFIG_INVALID, `no DKIM key for ${domain}; create one with 'posthouse dkim generate ${domain}'`);
    input.io.out(`domain ${key.domain}  selector ${key.selector}  algorithm ${key.algorithm}  created ${key.createdAt}\n${key.zoneLine}\n`);
    return 0;
  },
};

/**
 * `posthouse dkim …`: DKIM signing keys per domain (RFC 6376) and the DNS records to publish,
 * through the control socket of the server running on the data directory, or on its store when none runs.
 */
export const dkimCommands: CommandGroup = {
  name: 'dkim',
  summary: 'Manage the DKIM signing keys of the local domains.',
  commands: [generate, show],
};
