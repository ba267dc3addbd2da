import type { ApiKeyInfo } from '../access/http/auth/api-keys.js';
import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup } from './command.js';
import { UsageError } from './usage-error.js';

function keyLine(key: ApiKeyInfo): string {
  return `${key.id}  ${key.scope}${key.label === null ? '' : `  ${key.label}`}  ${key.createdAt}`;
}

const create: Command = {
  name: 'keys create',
  summary: 'Create an HTTP API key; it is printed this once and kept only as a hash.',
  usage: '--scope server|domain:DOMAIN|account:ADDRESS [--name NAME] [--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: {
    scope: { type: 'string', valueName: 'SCOPE', description: 'what the key reaches: server, domain:DOMAIN (a tenant) or account:ADDRESS' },
    name: { type: 'string', valueName: 'NAME', description: 'a label to recognise the key by in the list' },
    data: dataFlag,
  },
  notes: 'Example: posthouse keys create --scope domain:example.com --name ci\nUse the key as `Authorization: Bearer <key>`.',
  async run(input) {
    const scope = input.flags['scope'];
    if (typeof scope !== 'string') throw new UsageError('--scope is required (server, domain:DOMAIN or account:ADDRESS)', 'keys create');
    const label = typeof input.flags['name'] === 'string' ? input.flags['name'] : undefined;
    const created = await withDirectory(dataDirectory(input), false, (control) => control.keysCreate(scope, label));
    input.io.out(`${created.key}\n`);
    input.io.err(`created API key ${created.id} (${created.scope}); the key above is shown only once\n`);
    return 0;
  },
};

const list: Command = {
  name: 'keys list',
  summary: 'List the API keys (id, scope, name, created), never their secrets.',
  usage: '[--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: { data: dataFlag },
  async run(input) {
    const keys = await withDirectory(dataDirectory(input), false, (control) => control.keysList());
    for (const key of keys) input.io.out(`${keyLine(key)}\n`);
    return 0;
  },
};

const revoke: Command = {
  name: 'keys revoke',
  summary: 'Revoke an API key by its id; requests with it fail from now on.',
  usage: 'ID [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const id = input.positionals[0] ?? '';
    await withDirectory(dataDirectory(input), false, (control) => control.keysRevoke(id));
    input.io.out(`revoked API key ${id}\n`);
    return 0;
  },
};

/** `posthouse keys …`: create, list and revoke the HTTP API's keys. */
export const keysCommands: CommandGroup = {
  name: 'keys',
  summary: 'Manage the HTTP API keys (server, domain or account scope).',
  commands: [create, list, revoke],
};
