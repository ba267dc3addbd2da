/**
 * The rules benchmark: evaluation throughput of one 50-rule Sieve script (header, address,
 * envelope, size, body and regex tests; fileinto, flags, editheader) over every message of the
 * shared corpus, in messages per second, on one core, with the compiled script reused as the
 * deliverer does. Run alone (`node --import tsx bench/rules.ts [--quick]`) or from `npm run bench`.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RuleMemory } from '../src/interfaces/rules.js';
import { sieveEngine } from '../src/rules/scripts/sieve-engine.js';

const corpusRoot = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

/** Fifty rules of the kinds people write: most are header tests, a few look at the body. */
export function fiftyRuleScript(): string {
  const lines = ['require ["fileinto", "imap4flags", "envelope", "body", "regex", "relational", "comparator-i;ascii-numeric", "editheader", "variables"];'];
  for (let index = 0; index < 50; index++) {
    const kind = index % 10;
    const test =
      kind === 0 ? `header :contains "subject" "project-${index}"`
      : kind === 1 ? `address :domain :is "from" "vendor${index}.example"`
      : kind === 2 ? `envelope :localpart :is "to" "list-${index}"`
      : kind === 3 ? `header :matches "list-id" "*<team${index}.*>"`
      : kind === 4 ? `size :over ${1_000_000 + index}`
      : kind === 5 ? `exists "x-rule-${index}"`
      : kind === 6 ? `header :regex "subject" "^\\\\[ticket-${index}[0-9]+\\\\]"`
      : kind === 7 ? `body :text :contains "unsubscribe-${index}"`
      : kind === 8 ? `header :value "ge" :comparator "i;ascii-numeric" "x-priority-${index}" "3"`
      : `anyof (header :is "to" "boss${index}@example.com", address :all :contains "cc" "audit${index}")`;
    const action = index % 3 === 0 ? `fileinto "Folder${index}"; stop;` : index % 3 === 1 ? `addflag "$Rule${index}";` : `addheader "X-Rule" "${index}";`;
    lines.push(`if ${test} { ${action} }`);
  }
  return `${lines.join('\n')}\n`;
}

async function corpusMessages(): Promise<Buffer[]> {
  const entries = await readdir(corpusRoot, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile() && !['MANIFEST.tsv', 'LICENSES.md'].includes(entry.name)).map((entry) => path.join(entry.parentPath, entry.name)).sort();
  return Promise.all(files.map((file) => readFile(file)));
}

/** Runs the benchmark; resolves the median messages/second over the rounds. */
export async function runRulesBench(quick: boolean): Promise<{ messages: number; rounds: number; messagesPerSecond: number }> {
  const compiled = sieveEngine.compile(fiftyRuleScript());
  if (!compiled.ok) throw new Error(`the bench script does not compile: ${JSON.stringify(compiled.diagnostics)}`);
  const messages = await corpusMessages();
  const memory: RuleMemory = { seenWithin: async () => false, record: async () => {} };
  const services = { memory, mailboxExists: async () => true, addressesOf: async (account: string) => [account] };
  const sets = [{ origin: 'personal', rules: compiled.rules }];
  const environment = { mailFrom: 'sender@example.org', rcptTo: 'list-7@example.com', account: 'list-7@example.com', now: new Date() };
  const runOnce = async (): Promise<number> => {
    const started = process.hrtime.bigint();
    for (const message of messages) await sieveEngine.evaluate(sets, message, environment, services);
    return messages.length / (Number(process.hrtime.bigint() - started) / 1e9);
  };
  await runOnce(); // warm-up: JIT, regex caches
  const rounds = quick ? 2 : 7;
  const rates: number[] = [];
  for (let round = 0; round < rounds; round++) rates.push(await runOnce());
  rates.sort((a, b) => a - b);
  return { messages: messages.length, rounds, messagesPerSecond: rates[Math.floor(rates.length / 2)]! };
}

/** Prints one line: the figure and how it was measured. */
export async function printRulesBench(quick: boolean): Promise<void> {
  const result = await runRulesBench(quick);
  console.log(`\nrules: 50-rule Sieve script over ${result.messages} corpus messages, median of ${result.rounds} rounds: ${result.messagesPerSecond.toFixed(0)} messages/s`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await printRulesBench(process.argv.includes('--quick') || process.env.BENCH_QUICK === '1');
}
