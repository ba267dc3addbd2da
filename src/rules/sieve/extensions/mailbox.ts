import { stringsArgument, type ExtensionSpec } from '../spec.js';

/** mailbox (RFC 5490 §3): `mailboxexists`, and `fileinto :create` (declared on fileinto). */
export const mailboxExtension: ExtensionSpec = {
  capabilities: ['mailbox'],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'mailboxexists',
      capability: 'mailbox',
      tags: {},
      positional: ['strings'],
      evaluate: async (test, context) => {
        for (const name of stringsArgument(test.args[0])) {
          if (!(await context.services.mailboxExists(context.environment.account, context.expand(name)))) return false;
        }
        return true;
      },
    },
  ],
};
