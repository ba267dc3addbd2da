import { normaliseFlags, removeFlags } from '../../engine/flags.js';
import { matchValues } from '../../engine/matching.js';
import type { RunContext } from '../../engine/run-context.js';
import type { CompiledCommand } from '../../model.js';
import { MATCH_TAGS, stringsArgument, type CommandSpec, type ExtensionSpec } from '../spec.js';

type FlagChange = (current: string[], given: string[]) => string[];

/** Reads and writes the flag list a command names: a variable (RFC 5232 §3) or the internal one. */
function changeFlags(command: CompiledCommand, context: RunContext, change: FlagChange): void {
  const given = stringsArgument(command.args[command.args.length - 1]).map((flag) => context.expand(flag));
  if (command.args.length === 2) {
    const name = context.expand(stringsArgument(command.args[0])[0] ?? '');
    const current = normaliseFlags([context.variables.get(name)]);
    context.variables.set(name, change(current, given).join(' '));
  } else {
    context.flags = change(context.flags, given);
  }
}

const flagCommand = (name: string, change: FlagChange): CommandSpec => ({
  kind: 'command',
  name,
  capability: 'imap4flags',
  tags: {},
  positional: ['strings', 'strings'],
  optionalLeading: 1,
  run: (command, context) => changeFlags(command, context, change),
});

/** imap4flags (RFC 5232): the internal flags variable, setflag/addflag/removeflag, hasflag. */
export const imap4flagsExtension: ExtensionSpec = {
  capabilities: ['imap4flags'],
  commands: [
    flagCommand('setflag', (_, given) => normaliseFlags(given)),
    flagCommand('addflag', (current, given) => normaliseFlags([...current, ...given])),
    flagCommand('removeflag', (current, given) => removeFlags(current, given)),
  ],
  tests: [
    {
      kind: 'test',
      name: 'hasflag',
      capability: 'imap4flags',
      tags: MATCH_TAGS,
      positional: ['strings', 'strings'],
      optionalLeading: 1,
      evaluate: (test, context) => {
        const flags =
          test.args.length === 2
            ? normaliseFlags(stringsArgument(test.args[0]).map((name) => context.variables.get(context.expand(name))))
            : context.flags;
        return matchValues(context, test, 'flags', flags, stringsArgument(test.args[test.args.length - 1]));
      },
    },
  ],
};
