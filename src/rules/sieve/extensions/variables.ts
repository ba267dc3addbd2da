import { matchValues } from '../../engine/matching.js';
import { MATCH_TAGS, stringArgument, stringsArgument, type ExtensionSpec, type TagSpec } from '../spec.js';

/** RFC 5229 §4.1: modifiers apply highest precedence first. */
const MODIFIERS: ReadonlyArray<[string, number, (value: string) => string]> = [
  [':lower', 40, (value) => value.toLowerCase()],
  [':upper', 40, (value) => value.toUpperCase()],
  [':lowerfirst', 30, (value) => value.charAt(0).toLowerCase() + value.slice(1)],
  [':upperfirst', 30, (value) => value.charAt(0).toUpperCase() + value.slice(1)],
  [':quotewildcard', 20, (value) => value.replace(/[*?\\]/g, (char) => `\\${char}`)],
  [':length', 10, (value) => String(Array.from(value).length)],
];

const MODIFIER_TAGS: Record<string, TagSpec> = Object.fromEntries(MODIFIERS.map(([tag]) => [tag, {}]));

/** variables (RFC 5229): `set` with modifiers and the `string` test; expansion lives in the engine. */
export const variablesExtension: ExtensionSpec = {
  capabilities: ['variables'],
  commands: [
    {
      kind: 'command',
      name: 'set',
      capability: 'variables',
      tags: MODIFIER_TAGS,
      positional: ['string', 'string'],
      run: (command, context) => {
        let value = context.expand(stringArgument(command.args[1]));
        const applied = MODIFIERS.filter(([tag]) => command.tags[tag] !== undefined).sort((left, right) => right[1] - left[1]);
        for (const [, , modify] of applied) value = modify(value);
        context.variables.set(stringArgument(command.args[0]), value);
      },
    },
  ],
  tests: [
    {
      kind: 'test',
      name: 'string',
      capability: 'variables',
      tags: MATCH_TAGS,
      positional: ['strings', 'strings'],
      evaluate: (test, context) => {
        const sources = stringsArgument(test.args[0]).map((source) => context.expand(source));
        // RFC 5229 §5: with :count, empty strings are not counted.
        const values = test.tags[':count'] !== undefined ? sources.filter((source) => source !== '') : sources;
        return matchValues(context, test, 'string', values, stringsArgument(test.args[1]));
      },
    },
  ],
};
