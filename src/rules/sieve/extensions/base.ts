import { parseAddress } from '../../../core/address.js';
import { addressPart, addressPartTag, selectIndex } from '../../engine/address-parts.js';
import { evaluateTest } from '../../engine/interpreter.js';
import { matchValues } from '../../engine/matching.js';
import { SieveRuntimeError } from '../../engine/runtime-error.js';
import { ADDRESS_PART_TAGS, INDEX_TAGS, MATCH_TAGS, numberArgument, stringArgument, stringsArgument, type ExtensionSpec } from '../spec.js';
import { FLAGS_TAG, storeAction } from './store-action.js';

/** RFC 5228 itself: control commands, keep/discard/redirect, and the base tests. */
export const baseExtension: ExtensionSpec = {
  capabilities: [],
  commands: [
    { kind: 'command', name: 'if', capability: null, tags: {}, positional: [], control: 'if' },
    { kind: 'command', name: 'elsif', capability: null, tags: {}, positional: [], control: 'elsif' },
    { kind: 'command', name: 'else', capability: null, tags: {}, positional: [], control: 'else' },
    { kind: 'command', name: 'stop', capability: null, tags: {}, positional: [], run: () => 'stop' },
    {
      kind: 'command',
      name: 'keep',
      capability: null,
      tags: FLAGS_TAG,
      positional: [],
      run: (command, context) => context.result.add(storeAction('INBOX', command, context), command.position),
    },
    { kind: 'command', name: 'discard', capability: null, tags: {}, positional: [], run: (command, context) => context.result.add({ type: 'discard' }, command.position) },
    {
      kind: 'command',
      name: 'redirect',
      capability: null,
      tags: { ':copy': { capability: 'copy' } },
      positional: ['string'],
      run: (command, context) => {
        const address = context.expand(stringArgument(command.args[0]));
        try {
          parseAddress(address);
        } catch {
          throw new SieveRuntimeError(`redirect address ${JSON.stringify(address)} is invalid`, command.position);
        }
        context.result.add({ type: 'redirect', address, copy: command.tags[':copy'] !== undefined }, command.position);
      },
    },
  ],
  tests: [
    { kind: 'test', name: 'true', capability: null, tags: {}, positional: [], evaluate: () => true },
    { kind: 'test', name: 'false', capability: null, tags: {}, positional: [], evaluate: () => false },
    { kind: 'test', name: 'not', capability: null, tags: {}, positional: [], subtests: 'one', evaluate: async (test, context) => !(await evaluateTest(test.tests[0]!, context)) },
    {
      kind: 'test',
      name: 'allof',
      capability: null,
      tags: {},
      positional: [],
      subtests: 'list',
      evaluate: async (test, context) => {
        for (const sub of test.tests) if (!(await evaluateTest(sub, context))) return false;
        return true;
      },
    },
    {
      kind: 'test',
      name: 'anyof',
      capability: null,
      tags: {},
      positional: [],
      subtests: 'list',
      evaluate: async (test, context) => {
        for (const sub of test.tests) if (await evaluateTest(sub, context)) return true;
        return false;
      },
    },
    {
      kind: 'test',
      name: 'exists',
      capability: null,
      tags: {},
      positional: ['strings'],
      evaluate: (test, context) => stringsArgument(test.args[0]).every((name) => context.message.rawValues(context.expand(name)).length > 0),
    },
    {
      kind: 'test',
      name: 'size',
      capability: null,
      tags: { ':over': { group: 'size' }, ':under': { group: 'size' } },
      positional: ['number'],
      evaluate: (test, context) => {
        const limit = numberArgument(test.args[0]) ?? 0;
        return test.tags[':over'] !== undefined ? context.message.size > limit : context.message.size < limit;
      },
    },
    {
      kind: 'test',
      name: 'header',
      capability: null,
      tags: { ...MATCH_TAGS, ...INDEX_TAGS },
      positional: ['strings', 'strings'],
      evaluate: (test, context) => {
        const index = numberArgument(test.tags[':index']);
        const names = stringsArgument(test.args[0]).map((name) => context.expand(name));
        // One list over every named field, so `:count` counts them together (RFC 5231 §4.2).
        const values = names.flatMap((name) => selectIndex(context.message.values(name), index, test.tags[':last'] !== undefined));
        return matchValues(context, test, `header ${names.join(',')}`, values, stringsArgument(test.args[1]));
      },
    },
    {
      kind: 'test',
      name: 'address',
      capability: null,
      tags: { ...MATCH_TAGS, ...ADDRESS_PART_TAGS, ...INDEX_TAGS },
      positional: ['strings', 'strings'],
      evaluate: (test, context) => {
        const part = addressPartTag(test.tags);
        const index = numberArgument(test.tags[':index']);
        const values: string[] = [];
        for (const name of stringsArgument(test.args[0])) {
          const fields = selectIndex(context.message.addressesPerField(context.expand(name)), index, test.tags[':last'] !== undefined);
          for (const address of fields.flat()) {
            const value = addressPart(address, part);
            if (value !== null) values.push(value);
          }
        }
        return matchValues(context, test, `address ${part}`, values, stringsArgument(test.args[1]));
      },
    },
  ],
};
