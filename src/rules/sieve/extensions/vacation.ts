import { createHash } from 'node:crypto';
import type { VacationAction } from '../../../interfaces/rules.js';
import { numberArgument, stringArgument, stringsArgument, type ExtensionSpec } from '../spec.js';
import { vacationSuppression } from './vacation-checks.js';

const DAY = 86_400;

/**
 * `vacation` (RFC 5230, `:seconds` RFC 6131): an auto-reply, at most once per sender and handle
 * per interval (kept in `services.memory`). A reply that must not go out stays in the actions with
 * `suppressed` saying why; it never cancels the implicit keep.
 */
export const vacationExtension: ExtensionSpec = {
  capabilities: ['vacation'],
  commands: [
    {
      kind: 'command',
      name: 'vacation',
      capability: 'vacation',
      tags: {
        ':days': { takes: 'number', group: 'period' },
        ':seconds': { takes: 'number', group: 'period', capability: 'vacation-seconds' },
        ':subject': { takes: 'string' },
        ':from': { takes: 'string' },
        ':addresses': { takes: 'strings' },
        ':mime': {},
        ':handle': { takes: 'string' },
      },
      positional: ['string'],
      run: async (command, context) => {
        const tags = command.tags;
        const days = numberArgument(tags[':days']);
        const seconds = numberArgument(tags[':seconds']) ?? (days ?? 7) * DAY;
        const subject = tags[':subject'] === undefined ? undefined : context.expand(stringArgument(tags[':subject']));
        const from = tags[':from'] === undefined ? undefined : context.expand(stringArgument(tags[':from']));
        const handle = tags[':handle'] === undefined ? undefined : context.expand(stringArgument(tags[':handle']));
        const reason = context.expand(stringArgument(command.args[0]));
        const action: VacationAction = {
          type: 'vacation',
          seconds,
          ...(subject !== undefined ? { subject } : {}),
          ...(from !== undefined ? { from } : {}),
          ...(handle !== undefined ? { handle } : {}),
          reason,
          ...(tags[':mime'] !== undefined ? { mime: true } : {}),
        };
        let suppressed = await vacationSuppression(context, stringsArgument(tags[':addresses']).map((address) => context.expand(address)));
        if (suppressed === null) {
          // RFC 5230 §4.2: without :handle, the reply's own text identifies it.
          const identity = handle ?? createHash('sha256').update(`${subject ?? ''}\n${from ?? ''}\n${reason}`).digest('hex');
          const key = `${context.environment.mailFrom.toLowerCase()}\n${identity}`;
          const { account, now } = context.environment;
          if (await context.services.memory.seenWithin(account, 'vacation', key, seconds, now)) suppressed = 'already answered within the interval';
          else context.pendingRecords.push({ kind: 'vacation', key });
        }
        context.result.add(suppressed === null ? action : { ...action, suppressed }, command.position);
      },
    },
  ],
  tests: [],
};
