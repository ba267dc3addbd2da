import { accountsCommands } from './accounts.js';
import { aliasesCommands } from './aliases.js';
import { commandHelp, groupHelp, parseCommandLine, type Command, type CommandGroup, type CommandIo } from './command.js';
import { dkimCommands } from './dkim.js';
import { domainsCommands } from './domains.js';
import { keysCommands } from './keys.js';
import { queueCommands } from './queue.js';
import { rulesCommands } from './rules.js';
import { serveCommand } from './serve.js';
import { UsageError } from './usage-error.js';

const groups: CommandGroup[] = [accountsCommands, domainsCommands, aliasesCommands, rulesCommands, keysCommands, queueCommands, dkimCommands];

const topHelp = [
  'Usage: posthouse [command] [flags]',
  '',
  'posthouse: an embeddable mail server. SMTP in, durable mailboxes on a data directory.',
  '',
  'Commands:',
  `  serve      ${serveCommand.summary}`,
  ...groups.map((group) => `  ${group.name.padEnd(11)}${group.summary}`),
  '',
  "With no command, or flags only, posthouse runs 'serve'.",
  "Run 'posthouse <command> --help' for the flags of a command.",
].join('\n') + '\n';

/**
 * Runs one `posthouse` command line (without the `node main.js` part) and resolves its exit code:
 * 0 done, 1 failed (one line `posthouse: <message>` on stderr), 2 bad command line.
 *
 * @example
 * process.exit(await runCli(process.argv.slice(2), { env: process.env, stdin: process.stdin, out, err }));
 */
export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`posthouse: ${oneLine(error.message)} (see posthouse ${error.command === '' ? '' : `${error.command} `}--help)\n`);
      return 2;
    }
    io.err(`posthouse: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
    return 1;
  }
}

async function dispatch(argv: string[], io: CommandIo): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') {
    io.out(topHelp);
    return 0;
  }
  if (first === undefined || first.startsWith('-')) return runCommand(serveCommand, argv, io);
  if (first === serveCommand.name) return runCommand(serveCommand, rest, io);
  const group = groups.find((candidate) => candidate.name === first);
  if (group === undefined) throw new UsageError(`unknown command '${first}'`);
  const [word, ...args] = rest;
  if (word === '-h' || word === '--help') {
    io.out(groupHelp(group));
    return 0;
  }
  const words = group.commands.map((command) => command.name.slice(group.name.length + 1));
  if (word === undefined) throw new UsageError(`'${group.name}' needs a sub-command: ${words.join(', ')}`, group.name);
  const command = group.commands.find((candidate) => candidate.name === `${group.name} ${word}`);
  if (command === undefined) throw new UsageError(`unknown sub-command '${group.name} ${word}' (one of: ${words.join(', ')})`, group.name);
  return runCommand(command, args, io);
}

async function runCommand(command: Command, args: string[], io: CommandIo): Promise<number> {
  const input = parseCommandLine(command, args, io);
  if (input === null) {
    io.out(commandHelp(command));
    return 0;
  }
  return command.run(input);
}

function oneLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}
