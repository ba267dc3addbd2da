import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';
import { UsageError } from './usage-error.js';

const add: Command = {
  name: 'aliases add',
  summary: 'Add an alias that delivers to one or more addresses.',
  usage: 'ALIAS TARGET[,TARGET...] [--data DIR]',
  positionals: { min: 2, max: 100 },
  flags: { data: dataFlag },
  notes: 'Targets are separated by commas or given as separate arguments.',
  async run(input) {
    const [alias = '', ...rest] = input.positionals;
    const targets = rest.flatMap((argument) => argument.split(',')).map((target) => target.trim()).filter((target) => target !== '');
    if (targets.length === 0) throw new UsageError('aliases add needs at least one target address', this.name);
    const record = await withDirectory(dataDirectory(input), true, (directory) => directory.addAlias(alias, targets));
    input.io.out(`added alias ${record.alias} -> ${record.targets.join(', ')}\n`);
    return 0;
  },
};

const list: Command = {
  name: 'aliases list',
  summary: 'List the aliases, one a line: ALIAS -> TARGET, TARGET.',
  usage: '[--domain DOMAIN] [--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: { domain: { type: 'string', valueName: 'DOMAIN', description: 'only the aliases of this domain' }, data: dataFlag },
  async run(input) {
    const domain = typeof input.flags['domain'] === 'string' ? input.flags['domain'] : undefined;
    const aliases = await withDirectory(dataDirectory(input), false, (directory) => directory.listAliases(domain));
    for (const record of aliases) input.io.out(`${record.alias} -> ${record.targets.join(', ')}\n`);
    return 0;
  },
};

const remove: Command = {
  name: 'aliases remove',
  summary: 'Remove an alias.',
  usage: 'ALIAS [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const alias = input.positionals[0] ?? '';
    await withDirectory(dataDirectory(input), false, (directory) => directory.removeAlias(alias));
    input.io.out(`removed alias ${alias}\n`);
    return 0;
  },
};

/** `posthouse aliases …`: add, list and remove aliases (RFC 5321 §3.9.1). */
export const aliasesCommands: CommandGroup = {
  name: 'aliases',
  summary: 'Manage aliases: addresses that deliver to other addresses (RFC 5321 section 3.9.1).',
  commands: [add, list, remove],
};
