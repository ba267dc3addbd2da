import { runIncluded } from '../../engine/include-runner.js';
import { stringArgument, stringsArgument, type ExtensionSpec } from '../spec.js';

/**
 * include (RFC 6609): `include` runs a personal or global script compiled with this one,
 * `return` ends the current script, `global` shares variables across them.
 */
export const includeExtension: ExtensionSpec = {
  capabilities: ['include'],
  commands: [
    {
      kind: 'command',
      name: 'include',
      capability: 'include',
      tags: { ':personal': { group: 'location' }, ':global': { group: 'location' }, ':once': {}, ':optional': {} },
      positional: ['string'],
      run: (command, context) => {
        const location = command.tags[':global'] !== undefined ? 'global' : 'personal';
        return runIncluded(`${location}:${stringArgument(command.args[0])}`, command.tags[':once'] !== undefined, command.position, context);
      },
    },
    { kind: 'command', name: 'return', capability: 'include', tags: {}, positional: [], run: () => 'return' },
    {
      kind: 'command',
      name: 'global',
      capability: 'include',
      tags: {},
      positional: ['strings'],
      run: (command, context) => context.variables.declareGlobal(stringsArgument(command.args[0])),
    },
  ],
  tests: [],
};
