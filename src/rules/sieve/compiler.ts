import type { RuleDiagnostic } from '../../interfaces/rules.js';
import { resolveLimits, type SieveLimits } from '../limits.js';
import type { CompileOutcome, CompiledCommand, CompiledRules, CompiledTest } from '../model.js';
import type { AstCommand, AstTest } from './ast.js';
import { parseSieve } from './parser.js';
import { commandSpec, SIEVE_CAPABILITIES, testSpec } from './registry.js';
import { stringArgument } from './spec.js';
import { SieveSyntaxError } from './syntax-error.js';
import { validateArguments } from './validate-arguments.js';

/** Options of {@link compileSieve}. */
export interface CompileOptions {
  /** The script's name, for diagnostics and the trace. */
  name?: string;
  limits?: Partial<SieveLimits>;
  /** Looks up a script named by `include` (RFC 6609 §3.2); undefined when there is none. */
  include?: (name: string, location: 'personal' | 'global') => string | undefined;
}

interface CompileState {
  options: CompileOptions;
  limits: SieveLimits;
  /** `location:name` of the scripts being compiled, for include cycles. */
  stack: string[];
}

/**
 * Compiles a Sieve script (RFC 5228) into the rule model: parse with positions, check `require`
 * (unknown capabilities are errors), every command, test and argument, and compile included
 * scripts. Never throws: faults come back as diagnostics with line:column.
 *
 * @example
 * const outcome = compileSieve('require "fileinto"; if header :contains "subject" "invoice" { fileinto "Invoices"; }');
 * if (!outcome.ok) console.log(outcome.diagnostics[0].position);
 */
export function compileSieve(text: string, options: CompileOptions = {}): CompileOutcome {
  return compileWith(text, { options, limits: resolveLimits(options.limits), stack: [] });
}

function compileWith(text: string, state: CompileState): CompileOutcome {
  const name = state.options.name ?? 'script';
  try {
    if (Buffer.byteLength(text) > state.limits.maxScriptBytes) throw new SieveSyntaxError(`script is larger than ${state.limits.maxScriptBytes} octets`, null);
    const ast = parseSieve(text, { maxNestingDepth: state.limits.maxNestingDepth, maxCommands: state.limits.maxCommands });
    const requires: string[] = [];
    let index = 0;
    for (; index < ast.length && ast[index]!.name === 'require'; index++) requires.push(...readRequire(ast[index]!));
    const requireSet = new Set(requires);
    const includes: Record<string, CompiledRules> = {};
    const commands = compileBlock(ast.slice(index), requireSet, state, includes);
    return { ok: true, rules: { name, requires, commands, includes, serialisable: true }, diagnostics: [] };
  } catch (error) {
    if (error instanceof SieveSyntaxError) return { ok: false, diagnostics: [{ severity: 'error', message: error.message, position: error.position }] };
    if (error instanceof RangeError) return { ok: false, diagnostics: [{ severity: 'error', message: 'script is too complex to compile', position: null }] };
    throw error;
  }
}

function readRequire(command: AstCommand): string[] {
  const argument = command.args[0];
  if (command.args.length !== 1 || argument === undefined || (argument.kind !== 'string' && argument.kind !== 'strings') || command.tests.length > 0 || command.block !== null) {
    throw new SieveSyntaxError('require takes one string list of capabilities', command.position);
  }
  const capabilities = argument.kind === 'string' ? [argument.value] : argument.values;
  for (const capability of capabilities) {
    if (!SIEVE_CAPABILITIES.includes(capability)) throw new SieveSyntaxError(`require command: unknown Sieve capability '${capability}'`, argument.position);
  }
  return capabilities;
}

function compileBlock(commands: readonly AstCommand[], requires: ReadonlySet<string>, state: CompileState, includes: Record<string, CompiledRules>): CompiledCommand[] {
  const compiled: CompiledCommand[] = [];
  for (const command of commands) {
    const spec = commandSpec(command.name);
    if (command.name === 'require') throw new SieveSyntaxError('require must come before any other command', command.position);
    if (spec === undefined || (spec.capability !== null && !requires.has(spec.capability))) {
      const hint = spec?.capability == null ? '' : ` (require "${spec.capability}")`;
      throw new SieveSyntaxError(`unknown command '${command.name}'${hint}`, command.position);
    }
    const { tags, args } = validateArguments(spec, command.args, requires);
    const previous = compiled[compiled.length - 1]?.name;
    if ((spec.control === 'elsif' || spec.control === 'else') && previous !== 'if' && previous !== 'elsif') {
      throw new SieveSyntaxError(`${command.name} must follow if or elsif`, command.position);
    }
    const wantsTest = spec.control === 'if' || spec.control === 'elsif';
    if (wantsTest !== (command.tests.length > 0) || command.testList) {
      throw new SieveSyntaxError(wantsTest ? `${command.name} needs one test` : `${command.name} takes no test`, command.tests[0]?.position ?? command.position);
    }
    if ((spec.control !== undefined) !== (command.block !== null)) {
      throw new SieveSyntaxError(spec.control !== undefined ? `${command.name} needs a block` : `${command.name} takes no block`, command.position);
    }
    if (spec.name === 'include') compileInclude(stringArgument(args[0]), tags[':global'] !== undefined ? 'global' : 'personal', tags[':optional'] !== undefined, command, state, includes);
    compiled.push({
      name: command.name,
      tags,
      args,
      test: command.tests[0] === undefined ? null : compileTest(command.tests[0], requires),
      block: command.block === null ? null : compileBlock(command.block, requires, state, includes),
      position: command.position,
    });
  }
  return compiled;
}

function compileTest(test: AstTest, requires: ReadonlySet<string>): CompiledTest {
  const spec = testSpec(test.name);
  if (spec === undefined || (spec.capability !== null && !requires.has(spec.capability))) {
    const hint = spec?.capability == null ? '' : ` (require "${spec.capability}")`;
    throw new SieveSyntaxError(`unknown test '${test.name}'${hint}`, test.position);
  }
  const { tags, args } = validateArguments(spec, test.args, requires);
  const wanted = spec.subtests;
  if ((wanted === 'list' && !test.testList) || (wanted === 'one' && (test.testList || test.tests.length !== 1)) || (wanted === undefined && test.tests.length > 0)) {
    throw new SieveSyntaxError(wanted === 'list' ? `${test.name} needs a test list in parentheses` : wanted === 'one' ? `${test.name} needs one test` : `${test.name} takes no sub-test`, test.position);
  }
  return { name: test.name, tags, args, tests: test.tests.map((sub) => compileTest(sub, requires)), position: test.position };
}

function compileInclude(name: string, location: 'personal' | 'global', optional: boolean, command: AstCommand, state: CompileState, includes: Record<string, CompiledRules>): void {
  const key = `${location}:${name}`;
  if (includes[key] !== undefined) return;
  if (state.stack.includes(key)) throw new SieveSyntaxError(`include cycle: ${[...state.stack, key].join(' -> ')}`, command.position);
  if (state.stack.length >= state.limits.maxIncludeDepth) throw new SieveSyntaxError(`includes nest deeper than ${state.limits.maxIncludeDepth}`, command.position);
  const text = state.options.include?.(name, location);
  if (text === undefined) {
    if (optional) return;
    throw new SieveSyntaxError(`included ${location} script '${name}' does not exist`, command.position);
  }
  const outcome = compileWith(text, { ...state, options: { ...state.options, name }, stack: [...state.stack, key] });
  if (!outcome.ok) {
    const first: RuleDiagnostic | undefined = outcome.diagnostics[0];
    const where = first?.position ? ` at ${first.position.line}:${first.position.column}` : '';
    throw new SieveSyntaxError(`included ${location} script '${name}' does not compile${where}: ${first?.message ?? 'unknown fault'}`, command.position);
  }
  includes[key] = outcome.rules;
}
