import type { CommandHandler } from '../types.js';
import { expectArguments } from './arguments.js';

/** NAMESPACE (RFC 2342, RFC 9051 §6.3.10): one personal namespace, `/` as hierarchy delimiter. */
export const namespaceCommand: CommandHandler = {
  name: 'NAMESPACE',
  states: ['authenticated', 'selected'],
  async handle(context, command) {
    expectArguments(command, 0);
    context.untagged('NAMESPACE (("" "/")) NIL NIL');
    return { status: 'OK', text: 'NAMESPACE completed' };
  },
};
