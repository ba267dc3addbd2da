import type { CommandHandler } from '../types.js';
import { astringOf } from './arguments.js';

/** What ENABLE can turn on (RFC 5161 §3.1, RFC 9051 §6.3.1, RFC 7162, RFC 6855). */
const ENABLEABLE = new Set(['IMAP4REV2', 'CONDSTORE', 'QRESYNC', 'UTF8=ACCEPT']);

/** ENABLE (RFC 5161): answers `* ENABLED` with the ones newly enabled; unknown ones are ignored. */
export const enableCommand: CommandHandler = {
  name: 'ENABLE',
  states: ['authenticated'],
  async handle(context, command) {
    if (command.args.length === 0) return { status: 'BAD', text: 'ENABLE needs at least one capability' };
    const enabled: string[] = [];
    for (const token of command.args) {
      const capability = astringOf(token, 'capability').toUpperCase();
      if (!ENABLEABLE.has(capability) || context.enabled.has(capability)) continue;
      context.session.enable(capability);
      enabled.push(capability === 'IMAP4REV2' ? 'IMAP4rev2' : capability);
    }
    context.untagged(`ENABLED${enabled.map((name) => ` ${name}`).join('')}`);
    return { status: 'OK', text: 'ENABLE completed' };
  },
};
