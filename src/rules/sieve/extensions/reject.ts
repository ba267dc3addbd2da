import { stringArgument, type ExtensionSpec } from '../spec.js';

/** `reject` and `ereject` (RFC 5429): refuse the message with a reason; ereject prefers SMTP time. */
export const rejectExtension: ExtensionSpec = {
  capabilities: ['reject', 'ereject'],
  commands: (['reject', 'ereject'] as const).map((name) => ({
    kind: 'command' as const,
    name,
    capability: name,
    tags: {},
    positional: ['string' as const],
    run: (command, context) => {
      const reason = context.expand(stringArgument(command.args[0]));
      context.result.add({ type: 'reject', reason, ...(name === 'ereject' ? { smtp: true } : {}) }, command.position);
    },
  })),
  tests: [],
};
