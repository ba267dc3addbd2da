import type { StoreAction } from '../../../interfaces/rules.js';
import { normaliseFlags } from '../../engine/flags.js';
import type { RunContext } from '../../engine/run-context.js';
import type { CompiledCommand } from '../../model.js';
import { stringsArgument, type TagSpec } from '../spec.js';

/** The imap4flags `:flags` tag of keep and fileinto (RFC 5232 §5). */
export const FLAGS_TAG: Readonly<Record<string, TagSpec>> = { ':flags': { takes: 'strings', capability: 'imap4flags' } };

/**
 * The store action of `keep` or `fileinto`: flags from `:flags` when given, else the imap4flags
 * internal variable as it is now (RFC 5232 §5), so flags set later do not reach this action.
 */
export function storeAction(mailbox: string, command: CompiledCommand, context: RunContext): StoreAction {
  const flagsTag = command.tags[':flags'];
  const flags = flagsTag === undefined ? [...context.flags] : normaliseFlags(stringsArgument(flagsTag).map((flag) => context.expand(flag)));
  return {
    type: 'store',
    mailbox,
    flags,
    copy: command.tags[':copy'] !== undefined,
    ...(command.tags[':create'] !== undefined ? { create: true } : {}),
  };
}
