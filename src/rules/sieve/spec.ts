import type { ArgumentValue, CompiledCommand, CompiledTest } from '../model.js';
import type { RunContext } from '../engine/run-context.js';

/** The kind of value a positional argument or a tag takes. */
export type ValueKind = 'string' | 'strings' | 'number';

/** A tagged argument (RFC 5228 §2.6.2). */
export interface TagSpec {
  /** The value that follows the tag, if any. */
  takes?: ValueKind;
  /** Tags of one group exclude each other (`:is` / `:contains`). */
  group?: string;
  /** The capability that must be required to use the tag. */
  capability?: string;
}

/** The syntax of a command or test, and what it does. */
interface SpecBase {
  name: string;
  /** The capability that must be required; null for RFC 5228 base. */
  capability: string | null;
  tags: Readonly<Record<string, TagSpec>>;
  positional: readonly ValueKind[];
  /** How many trailing positional arguments may be left out. */
  optional?: number;
  /** How many leading positional arguments may be left out (imap4flags' variable name). */
  optionalLeading?: number;
}

/** A command: `run` carries it out; it may return a control signal. */
export interface CommandSpec extends SpecBase {
  kind: 'command';
  /** Whether it takes a test (`if`) and a block. */
  control?: 'if' | 'elsif' | 'else';
  run?(command: CompiledCommand, context: RunContext): Promise<ControlSignal | void> | ControlSignal | void;
}

/** A test: `evaluate` answers it. `subtests`: how many sub-tests it takes. */
export interface TestSpec extends SpecBase {
  kind: 'test';
  subtests?: 'one' | 'list';
  evaluate(test: CompiledTest, context: RunContext): Promise<boolean> | boolean;
}

/** What a command can tell the interpreter to do next. */
export type ControlSignal = 'stop' | 'return';

/** One extension: a capability string and what it brings. */
export interface ExtensionSpec {
  capabilities: readonly string[];
  commands: readonly CommandSpec[];
  tests: readonly TestSpec[];
}

/** The tags every string-matching test takes (RFC 5228 §2.7), extended by relational, regex. */
export const MATCH_TAGS: Readonly<Record<string, TagSpec>> = {
  ':comparator': { takes: 'string', group: 'comparator' },
  ':is': { group: 'match' },
  ':contains': { group: 'match' },
  ':matches': { group: 'match' },
  ':regex': { group: 'match', capability: 'regex' },
  ':count': { group: 'match', takes: 'string', capability: 'relational' },
  ':value': { group: 'match', takes: 'string', capability: 'relational' },
};

/** Address parts (RFC 5228 §2.7.4, RFC 5233). */
export const ADDRESS_PART_TAGS: Readonly<Record<string, TagSpec>> = {
  ':all': { group: 'address-part' },
  ':localpart': { group: 'address-part' },
  ':domain': { group: 'address-part' },
  ':user': { group: 'address-part', capability: 'subaddress' },
  ':detail': { group: 'address-part', capability: 'subaddress' },
};

/** `:index` / `:last` (RFC 5260 §6). */
export const INDEX_TAGS: Readonly<Record<string, TagSpec>> = {
  ':index': { takes: 'number', capability: 'index' },
  ':last': { capability: 'index' },
};

/** A string argument's value, or '' when absent. */
export function stringArgument(value: ArgumentValue | true | undefined): string {
  return value !== undefined && value !== true && value.kind === 'string' ? value.value : '';
}

/** A string-list argument's values (a single string is a list of one). */
export function stringsArgument(value: ArgumentValue | true | undefined): readonly string[] {
  if (value === undefined || value === true) return [];
  return value.kind === 'strings' ? value.values : value.kind === 'string' ? [value.value] : [];
}

/** A number argument's value, or undefined. */
export function numberArgument(value: ArgumentValue | true | undefined): number | undefined {
  return value !== undefined && value !== true && value.kind === 'number' ? value.value : undefined;
}
