import type { SourcePosition } from '../../interfaces/rules.js';
import type { AstArgument, AstCommand, AstTest } from './ast.js';
import { tokenize, type Token } from './lexer.js';
import { SieveSyntaxError } from './syntax-error.js';

/** Bounds the parser enforces. */
export interface ParseLimits {
  maxNestingDepth: number;
  maxCommands: number;
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'end':
      return 'end of script';
    case 'string':
      return 'string';
    case 'number':
      return `number ${token.value}`;
    default:
      return `'${token.text}'`;
  }
}

/**
 * Parses a Sieve script into commands (RFC 5228 §8.2 grammar), with positions on every node.
 *
 * @throws SieveSyntaxError at the first fault, with its line:column.
 * @example
 * parseSieve('if true { keep; }', { maxNestingDepth: 32, maxCommands: 1000 })[0].name; // 'if'
 */
export function parseSieve(source: string, limits: ParseLimits): AstCommand[] {
  const tokens = tokenize(source);
  let index = 0;
  let nodes = 0;
  const peek = (): Token => tokens[index]!;
  const next = (): Token => tokens[index++]!;
  const isPunct = (token: Token, text: string): boolean => token.kind === 'punct' && token.text === text;
  const expectPunct = (text: string, what: string): void => {
    const token = next();
    if (!isPunct(token, text)) throw new SieveSyntaxError(`expected ${what}, but found ${describe(token)}`, token.position);
  };
  const count = (position: SourcePosition, depth: number): void => {
    if (++nodes > limits.maxCommands) throw new SieveSyntaxError(`script has more than ${limits.maxCommands} commands and tests`, position);
    if (depth > limits.maxNestingDepth) throw new SieveSyntaxError(`nesting is deeper than ${limits.maxNestingDepth}`, position);
  };

  function parseStringList(open: Token): AstArgument {
    const values: string[] = [];
    for (;;) {
      const token = next();
      if (token.kind !== 'string') throw new SieveSyntaxError(`expected a string in the list, but found ${describe(token)}`, token.position);
      values.push(token.value);
      const separator = next();
      if (isPunct(separator, ']')) return { kind: 'strings', values, position: open.position };
      if (!isPunct(separator, ',')) throw new SieveSyntaxError(`expected ',' or ']' in the string list, but found ${describe(separator)}`, separator.position);
    }
  }

  function parseArguments(depth: number): { args: AstArgument[]; tests: AstTest[]; testList: boolean } {
    const args: AstArgument[] = [];
    for (;;) {
      const token = peek();
      if (token.kind === 'string') args.push({ kind: 'string', value: token.value, position: next().position });
      else if (token.kind === 'number') args.push({ kind: 'number', value: token.value, position: next().position });
      else if (token.kind === 'tag') args.push({ kind: 'tag', name: token.text, position: next().position });
      else if (isPunct(token, '[')) args.push(parseStringList(next()));
      else break;
    }
    const token = peek();
    if (token.kind === 'identifier') return { args, tests: [parseTest(depth + 1)], testList: false };
    if (isPunct(token, '(')) {
      next();
      const tests = [parseTest(depth + 1)];
      while (isPunct(peek(), ',')) {
        next();
        tests.push(parseTest(depth + 1));
      }
      expectPunct(')', "',' or ')' in the test list");
      return { args, tests, testList: true };
    }
    return { args, tests: [], testList: false };
  }

  function parseTest(depth: number): AstTest {
    const token = next();
    if (token.kind !== 'identifier') throw new SieveSyntaxError(`expected a test, but found ${describe(token)}`, token.position);
    count(token.position, depth);
    return { name: token.text, position: token.position, ...parseArguments(depth) };
  }

  function parseCommand(depth: number): AstCommand {
    const token = next();
    if (token.kind !== 'identifier') throw new SieveSyntaxError(`expected a command, but found ${describe(token)}`, token.position);
    count(token.position, depth);
    const { args, tests, testList } = parseArguments(depth);
    const end = next();
    if (isPunct(end, ';')) return { name: token.text, position: token.position, args, tests, testList, block: null };
    if (!isPunct(end, '{')) {
      throw new SieveSyntaxError(`expected end of command ';' or the beginning of a compound block '{', but found ${describe(end)}`, end.position);
    }
    return { name: token.text, position: token.position, args, tests, testList, block: parseBlock(depth + 1, true) };
  }

  function parseBlock(depth: number, braced: boolean): AstCommand[] {
    const commands: AstCommand[] = [];
    for (;;) {
      const token = peek();
      if (braced && isPunct(token, '}')) {
        next();
        return commands;
      }
      if (token.kind === 'end') {
        if (braced) throw new SieveSyntaxError("expected '}' to close the block, but found end of script", token.position);
        return commands;
      }
      commands.push(parseCommand(depth));
    }
  }

  return parseBlock(0, false);
}
