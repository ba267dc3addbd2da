import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';

const add: Command = {
  name: 'domains add',
  summary: 'Add a domain to receive mail for.',
  usage: 'DOMAIN [--catch-all ADDRESS] [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: {
    'catch-all': { type: 'string', valueName: 'ADDRESS', description: 'where mail to unknown addresses of the domain goes (default: rejected)' },
    data: dataFlag,
  },
  async run(input) {
    const catchAll = typeof input.flags['catch-all'] === 'string' ? input.flags['catch-all'] : null;
    const record = await withDirectory(dataDirectory(input), true, (directory) => directory.addDomain(input.positionals[0] ?? '', { catchAll }));
    input.io.out(`added domain ${record.domain}${record.catchAll === null ? '' : ` (catch-all: ${record.catchAll})`}\n`);
    return 0;
  },
};

const list: Command = {
  name: 'domains list',
  summary: 'List the domains, one a line, with their catch-all address if any.',
  usage: '[--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: { data: dataFlag },
  async run(input) {
    const domains = await withDirectory(dataDirectory(input), false, (directory) => directory.listDomains());
    for (const record of domains) input.io.out(`${record.domain}${record.catchAll === null ? '' : ` (catch-all: ${record.catchAll})`}\n`);
    return 0;
  },
};

const remove: Command = {
  name: 'domains remove',
  summary: 'Remove a domain.',
  usage: 'DOMAIN [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const domain = input.positionals[0] ?? '';
    await withDirectory(dataDirectory(input), false, (directory) => directory.removeDomain(domain));
    input.io.out(`removed domain ${domain}\n`);
    return 0;
  },
};

/** `posthouse domains …`: add, list and remove the domains the server receives mail for. */
export const domainsCommands: CommandGroup = {
  name: 'domains',
  summary: 'Manage the domains the server receives mail for.',
  commands: [add, list, remove],
};
