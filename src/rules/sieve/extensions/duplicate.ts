import { createHash } from 'node:crypto';
import { numberArgument, stringArgument, type ExtensionSpec } from '../spec.js';

/** RFC 7352 §3.2 leaves the default period to the implementation; Pigeonhole uses 12 hours. */
const DEFAULT_SECONDS = 12 * 3600;

/**
 * duplicate (RFC 7352): whether a message with this id (Message-ID, `:header` or `:uniqueid`) was
 * seen within the period; the id is recorded in `services.memory` when the run ends well. With
 * `:last`, a duplicate also refreshes the record; without, only new ids are recorded.
 */
export const duplicateExtension: ExtensionSpec = {
  capabilities: ['duplicate'],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'duplicate',
      capability: 'duplicate',
      tags: {
        ':handle': { takes: 'string' },
        ':header': { takes: 'string', group: 'id' },
        ':uniqueid': { takes: 'string', group: 'id' },
        ':seconds': { takes: 'number' },
        ':last': {},
      },
      positional: [],
      evaluate: async (test, context) => {
        const tags = test.tags;
        const headerName = tags[':header'] === undefined ? 'message-id' : context.expand(stringArgument(tags[':header']));
        const id = tags[':uniqueid'] !== undefined ? context.expand(stringArgument(tags[':uniqueid'])) : context.message.values(headerName)[0]?.trim();
        // RFC 7352 §3.1: a message without the id is never a duplicate.
        if (id === undefined || id === '') return false;
        const handle = tags[':handle'] === undefined ? '' : context.expand(stringArgument(tags[':handle']));
        const key = createHash('sha256').update(`${handle}\n${id}`).digest('hex');
        const { account, now } = context.environment;
        const seen = await context.services.memory.seenWithin(account, 'duplicate', key, numberArgument(tags[':seconds']) ?? DEFAULT_SECONDS, now);
        if (!seen || tags[':last'] !== undefined) context.pendingRecords.push({ kind: 'duplicate', key });
        return seen;
      },
    },
  ],
};
