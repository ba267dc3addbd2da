import { readFile } from 'node:fs/promises';
import { explainToText } from '../rules/explain-text.js';
import { formatDiagnostic } from '../rules/scripts/script-error.js';
import { sieveEngine } from '../rules/scripts/sieve-engine.js';
import type { RuleMemory, RulesResult } from '../interfaces/rules.js';
import { dataDirectory, dataFlag, withDirectory } from './admin-session.js';
import type { Command, CommandGroup, CommandInput } from './command.js';
import { UsageError } from './usage-error.js';

const fileFlag = { type: 'string', valueName: 'FILE', description: 'the Sieve script' } as const;

const set: Command = {
  name: 'rules set',
  summary: "Store an account's Sieve script (checked first: a script that does not compile is refused with line:column).",
  usage: 'ACCOUNT NAME --file FILE [--activate] [--data DIR]',
  positionals: { min: 2, max: 2 },
  flags: { file: fileFlag, activate: { type: 'boolean', description: 'make it the active script' }, data: dataFlag },
  async run(input) {
    const text = (await readRequired(input, 'file')).toString('utf8');
    const [account = '', name = ''] = input.positionals;
    const info = await withDirectory(dataDirectory(input), false, (control) => control.rulesPut(account, name, text, input.flags['activate'] === true));
    input.io.out(`stored script ${info.name} for ${account} (${info.size} octets${info.active ? ', active' : ''})\n`);
    return 0;
  },
};

const get: Command = {
  name: 'rules get',
  summary: "Print an account's script.",
  usage: 'ACCOUNT NAME [--data DIR]',
  positionals: { min: 2, max: 2 },
  flags: { data: dataFlag },
  async run(input) {
    const [account = '', name = ''] = input.positionals;
    input.io.out(await withDirectory(dataDirectory(input), false, (control) => control.rulesGet(account, name)));
    return 0;
  },
};

const list: Command = {
  name: 'rules list',
  summary: "List an account's scripts, the active one marked with *.",
  usage: 'ACCOUNT [--data DIR]',
  positionals: { min: 1, max: 1 },
  flags: { data: dataFlag },
  async run(input) {
    const scripts = await withDirectory(dataDirectory(input), false, (control) => control.rulesList(input.positionals[0] ?? ''));
    for (const script of scripts) input.io.out(`${script.active ? '*' : ' '} ${script.name}\t${script.size}\t${script.updatedAt}\n`);
    return 0;
  },
};

const activate: Command = {
  name: 'rules activate',
  summary: 'Make a script the active one (the only one run at delivery); --none deactivates.',
  usage: 'ACCOUNT [NAME | --none] [--data DIR]',
  positionals: { min: 1, max: 2 },
  flags: { none: { type: 'boolean', description: 'no script active' }, data: dataFlag },
  async run(input) {
    const [account = '', name] = input.positionals;
    if ((name === undefined) !== (input.flags['none'] === true)) throw new UsageError('give a script NAME or --none', this.name);
    await withDirectory(dataDirectory(input), false, (control) => control.rulesActivate(account, name ?? null));
    input.io.out(name === undefined ? `no active script for ${account}\n` : `activated ${name} for ${account}\n`);
    return 0;
  },
};

const check: Command = {
  name: 'rules check',
  summary: 'Compile a Sieve script and print its errors with line:column; exit 1 when it does not compile.',
  usage: '--file FILE',
  positionals: { min: 0, max: 0 },
  flags: { file: fileFlag },
  async run(input) {
    const outcome = sieveEngine.compile((await readRequired(input, 'file')).toString('utf8'));
    for (const diagnostic of outcome.diagnostics) input.io.out(`${input.flags['file']}: ${formatDiagnostic(diagnostic)}\n`);
    if (outcome.ok) input.io.out('ok\n');
    return outcome.ok ? 0 : 1;
  },
};

const explain: Command = {
  name: 'rules explain',
  summary: 'Run a script over a message offline and show what it does and why (which test matched what, which line acted).',
  usage: '--script FILE --message FILE --from ADDRESS --to ADDRESS [--json]',
  positionals: { min: 0, max: 0 },
  flags: {
    script: { type: 'string', valueName: 'FILE', description: 'the Sieve script' },
    message: { type: 'string', valueName: 'FILE', description: 'the message (.eml)' },
    from: { type: 'string', valueName: 'ADDRESS', description: 'envelope sender (MAIL FROM); empty for <>' },
    to: { type: 'string', valueName: 'ADDRESS', description: 'envelope recipient (RCPT TO)' },
    json: { type: 'boolean', description: 'one JSON object: status, diagnostics, actions, implicit_keep, trace' },
  },
  async run(input) {
    const script = (await readRequired(input, 'script')).toString('utf8');
    const message = await readRequired(input, 'message');
    const to = required(input, 'to');
    const result = await explainOffline(script, message, required(input, 'from'), to);
    input.io.out(input.flags['json'] === true ? `${JSON.stringify(result)}\n` : explainToText(result));
    return result.status === 'ok' ? 0 : 1;
  },
};

const apply: Command = {
  name: 'rules apply',
  summary: "Run an account's active rules again over mail already stored, moving and flagging it (discard, redirect, vacation, reject are skipped).",
  usage: '--account ACCOUNT --mailbox MAILBOX [--dry-run] [--data DIR]',
  positionals: { min: 0, max: 0 },
  flags: {
    account: { type: 'string', valueName: 'ACCOUNT', description: 'whose mail' },
    mailbox: { type: 'string', valueName: 'MAILBOX', description: 'which mailbox (e.g. INBOX)' },
    'dry-run': { type: 'boolean', description: 'report what would move, change nothing' },
    data: dataFlag,
  },
  async run(input) {
    const report = await withDirectory(dataDirectory(input), false, (control) => control.rulesApply(required(input, 'account'), required(input, 'mailbox'), input.flags['dry-run'] === true));
    const verb = report.dryRun ? 'would move' : 'moved';
    for (const move of report.moved) input.io.out(`${verb} uid ${move.uid} to ${move.to}\n`);
    for (const copy of report.copied) input.io.out(`${report.dryRun ? 'would copy' : 'copied'} uid ${copy.uid} to ${copy.to}\n`);
    for (const flag of report.flagged) input.io.out(`${report.dryRun ? 'would flag' : 'flagged'} uid ${flag.uid} ${flag.flags.join(' ')}\n`);
    for (const skip of report.skipped) input.io.out(`skipped uid ${skip.uid}: ${skip.action} (not re-executed on stored mail)\n`);
    input.io.out(`${report.examined} messages examined in ${report.mailbox}: ${report.moved.length} ${verb}, ${report.flagged.length} flagged, ${report.skipped.length} actions skipped\n`);
    return 0;
  },
};

/** No interval is remembered offline: every vacation counts as the first. */
const offlineMemory: RuleMemory = { seenWithin: async () => false, record: async () => {} };

/** Compiles and runs one script over one message with no store: the offline `explain`. */
async function explainOffline(script: string, message: Buffer, from: string, to: string): Promise<RulesResult> {
  const compiled = sieveEngine.compile(script);
  if (!compiled.ok) return { status: 'compile-error', diagnostics: compiled.diagnostics, actions: [], implicit_keep: null, trace: [] };
  const services = { memory: offlineMemory, mailboxExists: async () => true, addressesOf: async (account: string) => [account] };
  return sieveEngine.evaluate([{ origin: 'personal', rules: compiled.rules }], message, { mailFrom: from.replace(/^<|>$/g, ''), rcptTo: to, account: to, now: new Date() }, services);
}

function required(input: CommandInput, flag: string): string {
  const value = input.flags[flag];
  if (typeof value !== 'string') throw new UsageError(`--${flag} is required`, `rules`);
  return value;
}

async function readRequired(input: CommandInput, flag: string): Promise<Buffer> {
  const path = required(input, flag);
  try {
    return await readFile(path);
  } catch (error) {
    throw new Error(`cannot read --${flag} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** `posthouse rules …`: Sieve scripts per account, offline checks and explanations, re-applying rules to stored mail. */
export const rulesCommands: CommandGroup = {
  name: 'rules',
  summary: 'Sieve rules: store, list and activate scripts per account; check and explain scripts; re-apply rules to stored mail.',
  commands: [set, get, list, activate, check, explain, apply],
};
