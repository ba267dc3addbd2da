import type { ArgumentValue, CompiledCommand, CompiledRules, CompiledTest } from '../model.js';

/** A Sieve quoted string (RFC 5228 §2.4.2): `"` and `\` escaped. */
export function quote(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`)}"`;
}

function printValue(value: ArgumentValue, expand: (text: string) => string): string {
  switch (value.kind) {
    case 'string':
      return quote(expand(value.value));
    case 'strings':
      return `[${value.values.map((text) => quote(expand(text))).join(', ')}]`;
    case 'number':
      return String(value.value);
  }
}

function printArguments(node: CompiledCommand | CompiledTest, expand: (text: string) => string): string {
  const parts: string[] = [];
  for (const [tag, value] of Object.entries(node.tags)) parts.push(value === true ? tag : `${tag} ${printValue(value, expand)}`);
  for (const value of node.args) parts.push(printValue(value, expand));
  return parts.join(' ');
}

const identity = (text: string): string => text;

/**
 * A test as Sieve text, e.g. `header :contains "subject" "invoice"`; `expand` may substitute
 * variables for the trace.
 */
export function describeTest(test: CompiledTest, expand: (text: string) => string = identity): string {
  if (test.predicate !== undefined) return `${test.name} (a function predicate)`;
  const args = printArguments(test, expand);
  const head = args === '' ? test.name : `${test.name} ${args}`;
  if (test.tests.length === 0) return head;
  if (test.name === 'not') return `${head} ${describeTest(test.tests[0]!, expand)}`;
  return `${head} (${test.tests.map((sub) => describeTest(sub, expand)).join(', ')})`;
}

/** A command's head as Sieve text, without its block (for the trace). */
export function describeCommand(command: CompiledCommand, expand: (text: string) => string = identity): string {
  const args = printArguments(command, expand);
  const test = command.test === null ? '' : ` ${describeTest(command.test, expand)}`;
  return `${command.name}${args === '' ? '' : ` ${args}`}${test}`;
}

function printBlock(commands: readonly CompiledCommand[], indent: string): string[] {
  const lines: string[] = [];
  for (const command of commands) {
    if (command.block === null) {
      lines.push(`${indent}${describeCommand(command)};`);
    } else {
      lines.push(`${indent}${describeCommand(command)} {`, ...printBlock(command.block, `${indent}  `), `${indent}}`);
    }
  }
  return lines;
}

/**
 * Prints compiled rules back as a Sieve script: `require` first, then the commands. Function
 * predicates cannot be printed (see `toSieve`, which checks).
 */
export function printRules(rules: CompiledRules): string {
  const head = rules.requires.length === 0 ? [] : [`require [${rules.requires.map(quote).join(', ')}];`];
  return [...head, ...printBlock(rules.commands, '')].join('\n') + '\n';
}
