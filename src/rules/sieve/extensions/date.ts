import { selectIndex } from '../../engine/address-parts.js';
import { matchValues } from '../../engine/matching.js';
import type { RunContext } from '../../engine/run-context.js';
import { SieveRuntimeError } from '../../engine/runtime-error.js';
import type { CompiledTest } from '../../model.js';
import { INDEX_TAGS, MATCH_TAGS, numberArgument, stringArgument, stringsArgument, type ExtensionSpec } from '../spec.js';
import { datePart, parseMessageDate, parseZone, type ZonedDate } from './date-parts.js';

/**
 * The zone a date is shown in: `:zone`, the date's own with `:originalzone`, else the server's
 * local zone, which posthouse takes as UTC so results do not depend on the host (RFC 5260 §4.1).
 */
function inZone(test: CompiledTest, context: RunContext, date: ZonedDate): ZonedDate {
  if (test.tags[':originalzone'] !== undefined) return date;
  const zoneTag = test.tags[':zone'];
  if (zoneTag === undefined) return { instant: date.instant, offsetMinutes: 0 };
  const offset = parseZone(context.expand(stringArgument(zoneTag)));
  return offset === null ? date : { instant: date.instant, offsetMinutes: offset };
}

function partOf(test: CompiledTest, context: RunContext, date: ZonedDate, partName: string): string | null {
  const value = datePart(inZone(test, context, date), partName);
  if (value === undefined) throw new SieveRuntimeError(`unknown date-part '${partName}'`, test.position);
  return value;
}

const ZONE_TAGS = { ':zone': { takes: 'string', group: 'zone' }, ':originalzone': { group: 'zone' } } as const;

/** date and currentdate (RFC 5260 §4, §5), with `:index` (§6). */
export const dateExtension: ExtensionSpec = {
  capabilities: ['date'],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'date',
      capability: 'date',
      tags: { ...MATCH_TAGS, ...INDEX_TAGS, ...ZONE_TAGS },
      positional: ['string', 'string', 'strings'],
      evaluate: (test, context) => {
        const header = context.expand(stringArgument(test.args[0]));
        const partName = context.expand(stringArgument(test.args[1]));
        const occurrences = selectIndex(context.message.values(header), numberArgument(test.tags[':index']), test.tags[':last'] !== undefined);
        const values = occurrences.flatMap((value) => {
          const date = parseMessageDate(value);
          const part = date === null ? null : partOf(test, context, date, partName);
          return part === null ? [] : [part];
        });
        return matchValues(context, test, `date ${header} ${partName}`, values, stringsArgument(test.args[2]));
      },
    },
    {
      kind: 'test',
      name: 'currentdate',
      capability: 'date',
      tags: { ...MATCH_TAGS, ':zone': { takes: 'string' } },
      positional: ['string', 'strings'],
      evaluate: (test, context) => {
        const partName = context.expand(stringArgument(test.args[0]));
        const part = partOf(test, context, { instant: context.environment.now, offsetMinutes: 0 }, partName);
        return matchValues(context, test, `currentdate ${partName}`, part === null ? [] : [part], stringsArgument(test.args[1]));
      },
    },
  ],
};
