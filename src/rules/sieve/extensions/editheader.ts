import { matchValues } from '../../engine/matching.js';
import { SieveRuntimeError } from '../../engine/runtime-error.js';
import { MATCH_TAGS, numberArgument, stringArgument, stringsArgument, type ExtensionSpec } from '../spec.js';
import { decodeEncodedWords } from '../../../mime/encoded-words.js';

/** RFC 5293 §5 / §6: fields that must never be changed; attempts are silently ignored. */
const PROTECTED = new Set(['received', 'auto-submitted']);
const FIELD_NAME = /^[\x21-\x39\x3b-\x7e]{1,997}$/;

/**
 * editheader (RFC 5293): `addheader` and `deleteheader` change the message later tests see and
 * the copy that is filed; each change is also an action so the deliverer replays it with
 * `applyHeaderEdits`. A deleteheader with `:index` or value patterns becomes one action per
 * occurrence deleted, with that occurrence's 1-based index, last first.
 */
export const editheaderExtension: ExtensionSpec = {
  capabilities: ['editheader'],
  commands: [
    {
      kind: 'command',
      name: 'addheader',
      capability: 'editheader',
      tags: { ':last': {} },
      positional: ['string', 'string'],
      run: (command, context) => {
        const name = context.expand(stringArgument(command.args[0]));
        const value = context.expand(stringArgument(command.args[1])).replace(/\r?\n(?![ \t])/g, '\r\n ');
        if (!FIELD_NAME.test(name)) throw new SieveRuntimeError(`addheader: invalid field name ${JSON.stringify(name)}`, command.position);
        if (PROTECTED.has(name.toLowerCase())) return;
        const last = command.tags[':last'] !== undefined;
        const field = { name: name.toLowerCase(), value };
        if (last) context.message.fields.push(field);
        else context.message.fields.unshift(field);
        context.result.add({ type: 'addheader', name, value, ...(last ? { last: true } : {}) }, command.position);
      },
    },
    {
      kind: 'command',
      name: 'deleteheader',
      capability: 'editheader',
      tags: { ...MATCH_TAGS, ':index': { takes: 'number' }, ':last': {} },
      positional: ['string', 'strings'],
      optional: 1,
      run: (command, context) => {
        const name = context.expand(stringArgument(command.args[0]));
        if (PROTECTED.has(name.toLowerCase())) return;
        const patterns = command.args.length > 1 ? stringsArgument(command.args[1]) : null;
        const fields = context.message.fields;
        const positions = fields.flatMap((field, position) => (field.name === name.toLowerCase() ? [position] : []));
        const index = numberArgument(command.tags[':index']);
        const last = command.tags[':last'] !== undefined;
        const chosen = index === undefined ? positions : [positions[last ? positions.length - index : index - 1]].filter((entry): entry is number => entry !== undefined);
        const asTest = { name: 'deleteheader', tags: command.tags, args: command.args, tests: [], position: command.position };
        const doomed = chosen.filter((position) => patterns === null || matchValues(context, asTest, `header ${name}`, [decodeEncodedWords(fields[position]!.value)], patterns));
        if (index === undefined && patterns === null) {
          if (doomed.length > 0) context.result.add({ type: 'deleteheader', name }, command.position);
        } else {
          // One action per occurrence, last first, so the deliverer replays them exactly by index.
          for (const position of [...doomed].reverse()) {
            context.result.add({ type: 'deleteheader', name, index: positions.indexOf(position) + 1 }, command.position);
          }
        }
        for (const position of [...doomed].reverse()) fields.splice(position, 1);
      },
    },
  ],
  tests: [],
};
