import { stringArgument, type ExtensionSpec } from '../spec.js';
import { FLAGS_TAG, storeAction } from './store-action.js';

/** `fileinto` (RFC 5228 §4.1), with `:copy` (RFC 3894), `:flags` (RFC 5232), `:create` (RFC 5490). */
export const fileintoExtension: ExtensionSpec = {
  capabilities: ['fileinto'],
  commands: [
    {
      kind: 'command',
      name: 'fileinto',
      capability: 'fileinto',
      tags: { ...FLAGS_TAG, ':copy': { capability: 'copy' }, ':create': { capability: 'mailbox' } },
      positional: ['string'],
      run: (command, context) => context.result.add(storeAction(context.expand(stringArgument(command.args[0])), command, context), command.position),
    },
  ],
  tests: [],
};
