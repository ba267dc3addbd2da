import { ruleMessage } from '../../engine/rule-message.js';
import { SieveRuntimeError } from '../../engine/runtime-error.js';
import type { ExtensionSpec } from '../spec.js';

/**
 * The typed front end's function predicate (`when(message => …)`): not a Sieve capability, so no
 * script can name it; a predicate that throws is a runtime error of the rule, not a crash.
 */
export const predicateExtension: ExtensionSpec = {
  capabilities: [],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'x-predicate',
      capability: 'x-posthouse-predicate',
      tags: {},
      positional: [],
      evaluate: async (test, context) => {
        if (test.predicate === undefined) return false;
        try {
          return (await test.predicate(ruleMessage(context.message, context.environment))) === true;
        } catch (error) {
          throw new SieveRuntimeError(`predicate failed: ${error instanceof Error ? error.message : String(error)}`, test.position);
        }
      },
    },
  ],
};
