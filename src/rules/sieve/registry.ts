import { baseExtension } from './extensions/base.js';
import { bodyExtension } from './extensions/body.js';
import { dateExtension } from './extensions/date.js';
import { duplicateExtension } from './extensions/duplicate.js';
import { editheaderExtension } from './extensions/editheader.js';
import { envelopeExtension } from './extensions/envelope.js';
import { fileintoExtension } from './extensions/fileinto.js';
import { imap4flagsExtension } from './extensions/imap4flags.js';
import { includeExtension } from './extensions/include.js';
import { mailboxExtension } from './extensions/mailbox.js';
import { predicateExtension } from './extensions/predicate.js';
import { rejectExtension } from './extensions/reject.js';
import { tagOnlyExtension } from './extensions/tag-only.js';
import { vacationExtension } from './extensions/vacation.js';
import { variablesExtension } from './extensions/variables.js';
import type { CommandSpec, ExtensionSpec, TestSpec } from './spec.js';

const EXTENSIONS: readonly ExtensionSpec[] = [
  baseExtension,
  fileintoExtension,
  rejectExtension,
  envelopeExtension,
  imap4flagsExtension,
  bodyExtension,
  variablesExtension,
  vacationExtension,
  dateExtension,
  mailboxExtension,
  editheaderExtension,
  duplicateExtension,
  includeExtension,
  tagOnlyExtension,
  predicateExtension,
];

const COMMANDS = new Map<string, CommandSpec>(EXTENSIONS.flatMap((extension) => extension.commands.map((spec) => [spec.name, spec] as const)));
const TESTS = new Map<string, TestSpec>(EXTENSIONS.flatMap((extension) => extension.tests.map((spec) => [spec.name, spec] as const)));

/** Every capability string `require` accepts (RFC 5228 §3.2), sorted: what ManageSieve advertises. */
export const SIEVE_CAPABILITIES: readonly string[] = [...new Set(EXTENSIONS.flatMap((extension) => extension.capabilities))].sort();

/** The command called `name`, if any extension defines it. */
export function commandSpec(name: string): CommandSpec | undefined {
  return COMMANDS.get(name);
}

/** The test called `name`, if any extension defines it. */
export function testSpec(name: string): TestSpec | undefined {
  return TESTS.get(name);
}
