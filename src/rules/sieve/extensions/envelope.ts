import { addressPart, addressPartTag } from '../../engine/address-parts.js';
import { matchValues } from '../../engine/matching.js';
import { ADDRESS_PART_TAGS, MATCH_TAGS, stringsArgument, type ExtensionSpec } from '../spec.js';

/** `envelope` (RFC 5228 §5.4): the SMTP MAIL FROM and the (original) RCPT TO. */
export const envelopeExtension: ExtensionSpec = {
  capabilities: ['envelope'],
  commands: [],
  tests: [
    {
      kind: 'test',
      name: 'envelope',
      capability: 'envelope',
      tags: { ...MATCH_TAGS, ...ADDRESS_PART_TAGS },
      positional: ['strings', 'strings'],
      evaluate: (test, context) => {
        const part = addressPartTag(test.tags);
        const values: string[] = [];
        for (const name of stringsArgument(test.args[0]).map((entry) => context.expand(entry).toLowerCase())) {
          const environment = context.environment;
          const address = name === 'from' ? environment.mailFrom : name === 'to' ? (environment.originalRecipient ?? environment.rcptTo) : null;
          if (address === null) continue;
          // RFC 5228 §5.4: the null reverse-path compares as "" and has no local part or domain.
          if (address === '') {
            if (part === ':all') values.push('');
            continue;
          }
          const value = addressPart(address.replace(/^<|>$/g, ''), part);
          if (value !== null) values.push(value);
        }
        return matchValues(context, test, `envelope ${part}`, values, stringsArgument(test.args[1]));
      },
    },
  ],
};
