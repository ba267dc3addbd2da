import type { ArgumentValue } from '../model.js';
import { COMPARATORS, comparatorCapability } from '../engine/comparators.js';
import { RELATIONS } from '../engine/match-types.js';
import { regexProblem } from '../engine/regex-guard.js';
import type { AstArgument } from './ast.js';
import { decodeEncodedCharacters } from './encoded-character.js';
import type { CommandSpec, TestSpec, ValueKind } from './spec.js';
import { SieveSyntaxError } from './syntax-error.js';

/** The validated arguments of one command or test. */
export interface ValidatedArguments {
  tags: Record<string, ArgumentValue | true>;
  args: ArgumentValue[];
}

function toValue(argument: AstArgument, kind: ValueKind, decode: (text: string) => string, what: string): ArgumentValue {
  if (kind === 'number' && argument.kind === 'number') return { kind: 'number', value: argument.value };
  if (kind === 'string' && argument.kind === 'string') return { kind: 'string', value: decode(argument.value) };
  if (kind === 'strings' && (argument.kind === 'string' || argument.kind === 'strings')) {
    return { kind: 'strings', values: (argument.kind === 'string' ? [argument.value] : argument.values).map(decode) };
  }
  throw new SieveSyntaxError(`${what} expects ${kind === 'strings' ? 'a string list' : `a ${kind}`}`, argument.position);
}

/**
 * Checks a command's or test's arguments against its spec (RFC 5228 §2.6): known tags whose
 * capability is required, one tag per group, tags before positional arguments, values of the
 * right kind, known comparators and relations, safe regular expressions.
 */
export function validateArguments(spec: CommandSpec | TestSpec, written: readonly AstArgument[], requires: ReadonlySet<string>): ValidatedArguments {
  const decode = requires.has('encoded-character') ? decodeEncodedCharacters : (text: string): string => text;
  const tags: Record<string, ArgumentValue | true> = {};
  const groups = new Map<string, string>();
  const args: ArgumentValue[] = [];
  const positional: AstArgument[] = [];
  for (let index = 0; index < written.length; index++) {
    const argument = written[index]!;
    if (argument.kind !== 'tag') {
      positional.push(argument);
      continue;
    }
    const tagSpec = spec.tags[argument.name];
    if (tagSpec === undefined || (tagSpec.capability !== undefined && !requires.has(tagSpec.capability))) {
      const hint = tagSpec?.capability === undefined ? '' : ` (require "${tagSpec.capability}")`;
      throw new SieveSyntaxError(`unknown tagged argument '${argument.name}' for ${spec.name}${hint}`, argument.position);
    }
    if (positional.length > 0) throw new SieveSyntaxError(`tagged argument '${argument.name}' must come before the positional arguments of ${spec.name}`, argument.position);
    if (tags[argument.name] !== undefined) throw new SieveSyntaxError(`tagged argument '${argument.name}' given twice`, argument.position);
    if (tagSpec.group !== undefined) {
      const other = groups.get(tagSpec.group);
      if (other !== undefined) throw new SieveSyntaxError(`'${argument.name}' cannot be combined with '${other}'`, argument.position);
      groups.set(tagSpec.group, argument.name);
    }
    if (tagSpec.takes === undefined) {
      tags[argument.name] = true;
      continue;
    }
    const value = written[++index];
    if (value === undefined || value.kind === 'tag') throw new SieveSyntaxError(`'${argument.name}' needs a value`, argument.position);
    tags[argument.name] = toValue(value, tagSpec.takes, decode, `'${argument.name}'`);
  }
  const minimum = spec.positional.length - (spec.optional ?? 0) - (spec.optionalLeading ?? 0);
  if (positional.length < minimum || positional.length > spec.positional.length) {
    const where = positional[spec.positional.length]?.position ?? written[0]?.position ?? null;
    const expected = minimum === spec.positional.length ? `${minimum}` : `${minimum} to ${spec.positional.length}`;
    throw new SieveSyntaxError(`${spec.name} takes ${expected} positional arguments, but ${positional.length} were given`, where);
  }
  // With optional leading arguments left out, the written ones are the trailing kinds.
  const kinds = spec.optionalLeading ? spec.positional.slice(spec.positional.length - positional.length) : spec.positional;
  positional.forEach((argument, index) => args.push(toValue(argument, kinds[index]!, decode, spec.name)));
  checkSemantics(spec, tags, args, written, requires);
  return { tags, args };
}

function checkSemantics(spec: CommandSpec | TestSpec, tags: Record<string, ArgumentValue | true>, args: ArgumentValue[], written: readonly AstArgument[], requires: ReadonlySet<string>): void {
  const positionOf = (tag: string): AstArgument['position'] | null => written.find((argument) => argument.kind === 'tag' && argument.name === tag)?.position ?? null;
  const comparator = tags[':comparator'];
  if (comparator !== undefined && comparator !== true && comparator.kind === 'string') {
    const capability = comparatorCapability(comparator.value);
    if (COMPARATORS[comparator.value] === undefined || (capability !== null && !requires.has(capability))) {
      throw new SieveSyntaxError(`unknown comparator '${comparator.value}'${capability === null ? '' : ` (require "${capability}")`}`, positionOf(':comparator'));
    }
    if (!COMPARATORS[comparator.value]!.substring && (tags[':contains'] !== undefined || tags[':matches'] !== undefined || tags[':regex'] !== undefined)) {
      throw new SieveSyntaxError(`comparator '${comparator.value}' does not allow substring matching`, positionOf(':comparator'));
    }
  }
  for (const tag of [':count', ':value']) {
    const relation = tags[tag];
    if (relation !== undefined && relation !== true && relation.kind === 'string' && !(RELATIONS as readonly string[]).includes(relation.value.toLowerCase())) {
      throw new SieveSyntaxError(`unknown relational operator '${relation.value}' (one of ${RELATIONS.join(', ')})`, positionOf(tag));
    }
  }
  if (tags[':regex'] !== undefined) {
    const keys = args[args.length - 1];
    for (const key of keys?.kind === 'strings' ? keys.values : []) {
      const problem = key.includes('${') ? null : regexProblem(key);
      if (problem !== null) throw new SieveSyntaxError(problem, positionOf(':regex'));
    }
  }
  if (tags[':last'] !== undefined && tags[':index'] === undefined && spec.name !== 'addheader' && spec.name !== 'duplicate') {
    throw new SieveSyntaxError("':last' needs ':index'", positionOf(':last'));
  }
}
