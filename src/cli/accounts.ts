import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';
import { passwordFrom } from './read-password.js';
import { UsageError } from './usage-error.js';

const passwordNote = "--password - reads the password from the first line of stdin (keeps it out of 'ps' and the shell history).";

const add: Command = {
  name: 'accounts add',
  summary: 'Add an account (and its domain, when the domain is new).',
  usage: 'ADDRESS [--password PW] [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: {
    password: { type: 'string', valueName: 'PW', description: 'its password; without one the account receives mail but cannot log in' },
    data: dataFlag,
  },
  notes: passwordNote,
  async run(input) {
    const flag = input.flags['password'];
    const password = typeof flag === 'string' ? await passwordFrom(flag, input.io.stdin, this.name) : undefined;
    const address = input.positionals[0] ?? '';
    const record = await withDirectory(dataDirectory(input), true, (directory) =>
      directory.addAccount(address, { ...(password === undefined ? {} : { password }), createDomain: true }),
    );
    input.io.out(`added account ${record.address}\n`);
    return 0;
  },
};

const list: Command = {
  name: 'accounts list',
  summary: 'List the accounts, one address a line.',
  usage: '[--domain DOMAIN] [--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: { domain: { type: 'string', valueName: 'DOMAIN', description: 'only the accounts of this domain' }, data: dataFlag },
  async run(input) {
    const domain = typeof input.flags['domain'] === 'string' ? input.flags['domain'] : undefined;
    const accounts = await withDirectory(dataDirectory(input), false, (directory) => directory.listAccounts(domain));
    for (const account of accounts) input.io.out(`${account.address}\n`);
    return 0;
  },
};

const remove: Command = {
  name: 'accounts remove',
  summary: 'Remove an account.',
  usage: 'ADDRESS [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const address = input.positionals[0] ?? '';
    await withDirectory(dataDirectory(input), false, (directory) => directory.removeAccount(address));
    input.io.out(`removed account ${address}\n`);
    return 0;
  },
};

const passwd: Command = {
  name: 'accounts passwd',
  summary: "Set an account's password.",
  usage: 'ADDRESS --password PW [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { password: { type: 'string', valueName: 'PW', description: 'the new password (required)' }, data: dataFlag },
  notes: passwordNote,
  async run(input) {
    const flag = input.flags['password'];
    if (typeof flag !== 'string') throw new UsageError('--password is required', this.name);
    const password = await passwordFrom(flag, input.io.stdin, this.name);
    const address = input.positionals[0] ?? '';
    await withDirectory(dataDirectory(input), false, (directory) => directory.setPassword(address, password));
    input.io.out(`changed the password of ${address}\n`);
    return 0;
  },
};

/** `posthouse accounts …`: add, list, remove accounts and set their passwords. */
export const accountsCommands: CommandGroup = {
  name: 'accounts',
  summary: 'Manage accounts (mailbox owners). Works whether or not a server runs on the data directory.',
  commands: [add, list, remove, passwd],
};
