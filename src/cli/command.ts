import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.js';

/** One flag of a command, as `util.parseArgs` takes it, plus what its help says. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** Shown after the flag in the help, e.g. `DIR`. */
  valueName?: string;
  description: string;
}

/** Where a command reads and writes: the process's own streams, or a test's. */
export interface CommandIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadableStream;
  out(text: string): void;
  err(text: string): void;
}

/** What a command receives once its command line is parsed. */
export interface CommandInput {
  flags: Record<string, string | boolean | undefined>;
  positionals: string[];
  io: CommandIo;
}

/** One command or sub-command, e.g. `serve` or `accounts add`. */
export interface Command {
  /** The words after `posthouse`, e.g. `accounts add`. */
  name: string;
  summary: string;
  /** The arguments after the name, e.g. `ADDRESS [--password PW] [--data DIR]`. */
  usage: string;
  flags: Record<string, FlagSpec>;
  /** How many positional arguments the command takes. */
  positionals: { min: number; max: number };
  /** Extra help text after the flag list (notes, examples). */
  notes?: string;
  /** Resolves the exit code. */
  run(input: CommandInput): Promise<number>;
}

/** A set of sub-commands under one word, e.g. `accounts`. */
export interface CommandGroup {
  name: string;
  summary: string;
  commands: Command[];
}

const helpFlag: FlagSpec = { type: 'boolean', short: 'h', description: 'show this help' };

/**
 * Parses `args` against the command's flags. Unknown flags, missing values and a wrong number
 * of arguments become a {@link UsageError}; `--help` anywhere resolves `null` (show the help).
 */
export function parseCommandLine(command: Command, args: string[], io: CommandIo): CommandInput | null {
  const options = Object.fromEntries(
    Object.entries({ ...command.flags, help: helpFlag }).map(([name, spec]) => [
      name,
      spec.short === undefined ? { type: spec.type } : { type: spec.type, short: spec.short },
    ]),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(firstSentence(error), command.name);
  }
  if (parsed.values['help'] === true) return null;
  const count = parsed.positionals.length;
  if (count < command.positionals.min) {
    throw new UsageError(`missing argument: posthouse ${command.name} ${command.usage}`, command.name);
  }
  if (count > command.positionals.max) {
    throw new UsageError(`unexpected argument '${parsed.positionals[command.positionals.max]}'`, command.name);
  }
  return { flags: parsed.values as CommandInput['flags'], positionals: parsed.positionals, io };
}

/** The help of one command: usage, summary, flags, notes. */
export function commandHelp(command: Command): string {
  const flagLines = Object.entries({ ...command.flags, help: helpFlag }).map(([name, spec]) => {
    const short = spec.short === undefined ? '    ' : `-${spec.short}, `;
    const value = spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : '';
    return [`  ${short}--${name}${value}`, spec.description] as const;
  });
  const width = Math.max(...flagLines.map(([left]) => left.length)) + 2;
  const lines = [
    `Usage: posthouse ${command.name} ${command.usage}`.trimEnd(),
    '',
    command.summary,
    '',
    'Flags:',
    ...flagLines.map(([left, description]) => left.padEnd(width) + description),
  ];
  if (command.notes !== undefined) lines.push('', command.notes);
  return lines.join('\n') + '\n';
}

/** The help of a group: its sub-commands with their summaries. */
export function groupHelp(group: CommandGroup): string {
  const width = Math.max(...group.commands.map((command) => command.name.length)) + 4;
  return [
    `Usage: posthouse ${group.name} <sub-command> [flags]`,
    '',
    group.summary,
    '',
    'Sub-commands:',
    ...group.commands.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    `Run 'posthouse ${group.name} <sub-command> --help' for its flags.`,
  ].join('\n') + '\n';
}

/** parseArgs' message, said shorter (its hints about `--` and positionals do not help here). */
function firstSentence(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? '';
  if (/^Unknown option/.test(message)) return `unknown option '${option}'`;
  if (/argument missing/.test(message)) return `${option} needs a value`;
  if (/argument is ambiguous/.test(message)) return `${option} needs a value (write ${option}=VALUE for one that starts with '-')`;
  if (/does not take an argument/.test(message)) return `${option} takes no value`;
  return message.split('\n', 1)[0] ?? message;
}
