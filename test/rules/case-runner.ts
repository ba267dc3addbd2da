import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleAction, RulesResult } from '../../src/interfaces/rules.js';
import { compileSieve, evaluateRules } from '../../src/rules/index.js';
import { fakeServices } from './fake-services.js';

/** A case folder of the shared format (../shared/sieve/README.md). */
export interface SieveCase {
  name: string;
  script: string;
  message: Buffer;
  envelope: { mail_from: string; rcpt_to: string };
  expected: {
    status: RulesResult['status'];
    actions: Array<Record<string, unknown>>;
    implicit_keep: Record<string, unknown> | null;
    execution?: { vacation_sent?: string[] | null; stored_messages?: Record<string, Array<{ headers: string[] }>> | null } | null;
  };
  /** Scripts for `include`, from `includes/<location>/<name>.sieve` when the case has them. */
  includes: Record<string, string>;
}

/** `now` for every case: after the messages' dates, so `currentdate` cases hold. */
export const CASE_NOW = new Date('2024-06-01T12:00:00Z');

/** Reads every case folder under `root`. */
export function readCases(root: string): SieveCase[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(root, entry.name, 'expected.json')))
    .map((entry) => {
      const folder = join(root, entry.name);
      const includes: Record<string, string> = {};
      for (const location of ['personal', 'global']) {
        const dir = join(folder, 'includes', location);
        if (!existsSync(dir)) continue;
        for (const file of readdirSync(dir)) includes[`${location}:${file.replace(/\.sieve$/, '')}`] = readFileSync(join(dir, file), 'utf8');
      }
      return {
        name: entry.name,
        script: readFileSync(join(folder, 'script.sieve'), 'utf8'),
        message: readFileSync(join(folder, 'message.eml')),
        envelope: JSON.parse(readFileSync(join(folder, 'envelope.json'), 'utf8')) as SieveCase['envelope'],
        expected: JSON.parse(readFileSync(join(folder, 'expected.json'), 'utf8')) as SieveCase['expected'],
        includes,
      };
    });
}

/** Runs one case through compile and evaluate as the deliverer would. */
export async function runCase(sieveCase: SieveCase): Promise<RulesResult> {
  const outcome = compileSieve(sieveCase.script, { include: (name, location) => sieveCase.includes[`${location}:${name}`] });
  if (!outcome.ok) return { status: 'compile-error', diagnostics: outcome.diagnostics, actions: [], implicit_keep: null, trace: [] };
  const environment = { mailFrom: sieveCase.envelope.mail_from, rcptTo: sieveCase.envelope.rcpt_to, account: sieveCase.envelope.rcpt_to, now: CASE_NOW };
  return evaluateRules([{ origin: 'personal', rules: outcome.rules }], sieveCase.message, environment, fakeServices());
}

/** The normative fields of an action (README: handle is informative; editheader actions are not in the schema). */
export function comparable(actions: ReadonlyArray<RuleAction | Record<string, unknown>>): string[] {
  return actions
    .filter((action) => action.type !== 'addheader' && action.type !== 'deleteheader')
    .map((action) => {
      const { handle: _handle, suppressed: _suppressed, smtp: _smtp, create: _create, mime: _mime, ...rest } = action as Record<string, unknown>;
      if (rest.type === 'vacation' && rest.subject === undefined) delete rest.subject;
      return JSON.stringify(rest, Object.keys(rest).sort());
    })
    .sort();
}
