import { ErrorCodes } from '../../errors/codes.js';
import { isPosthouseError } from '../../errors/posthouse-error.js';
import { formatDiagnostic } from '../../rules/scripts/script-error.js';
import type { ScriptStore } from '../../rules/scripts/script-store.js';
import { sieveString, statusLine } from './responses.js';

/** The response code of each script-storage error (RFC 5804 §1.3). */
const RESPONSE_CODES: Partial<Record<string, string>> = {
  [ErrorCodes.RULES_SCRIPT_NOT_FOUND]: 'NONEXISTENT',
  [ErrorCodes.RULES_SCRIPT_EXISTS]: 'ALREADYEXISTS',
  [ErrorCodes.RULES_SCRIPT_ACTIVE]: 'ACTIVE',
  [ErrorCodes.RULES_QUOTA_EXCEEDED]: 'QUOTA',
};

type Handler = (scripts: ScriptStore, account: string, args: string[]) => Promise<string>;

/** The commands of an authenticated session, with their argument counts (RFC 5804 §2.5-§2.12). */
export const SCRIPT_COMMANDS: Record<string, { min: number; max: number; run: Handler }> = {
  HAVESPACE: {
    min: 2,
    max: 2,
    async run(scripts, account, [name, size]) {
      if (!/^\d{1,10}$/.test(size!)) return statusLine('NO', 'HAVESPACE needs a number of octets');
      const fits = await scripts.haveSpace(account, name!, Number(size));
      return fits ? statusLine('OK', 'Putscript would succeed') : statusLine('NO', 'Script too large, or too many scripts', 'QUOTA');
    },
  },
  PUTSCRIPT: {
    min: 2,
    max: 2,
    async run(scripts, account, [name, text]) {
      await scripts.put(account, name!, text!);
      return warnings(scripts, text!) ?? statusLine('OK', 'Script stored');
    },
  },
  LISTSCRIPTS: {
    min: 0,
    max: 0,
    async run(scripts, account) {
      const lines = (await scripts.list(account)).map((script) => `${sieveString(script.name)}${script.active ? ' ACTIVE' : ''}\r\n`);
      return `${lines.join('')}${statusLine('OK', 'Listscripts completed')}`;
    },
  },
  SETACTIVE: {
    min: 1,
    max: 1,
    async run(scripts, account, [name]) {
      await scripts.activate(account, name === '' ? null : name!);
      return statusLine('OK', name === '' ? 'No script is active' : 'Script activated');
    },
  },
  GETSCRIPT: {
    min: 1,
    max: 1,
    async run(scripts, account, [name]) {
      const text = await scripts.get(account, name!);
      return `{${Buffer.byteLength(text, 'utf8')}}\r\n${text}\r\n${statusLine('OK', 'Getscript completed')}`;
    },
  },
  DELETESCRIPT: {
    min: 1,
    max: 1,
    async run(scripts, account, [name]) {
      await scripts.remove(account, name!);
      return statusLine('OK', 'Script deleted');
    },
  },
  RENAMESCRIPT: {
    min: 2,
    max: 2,
    async run(scripts, account, [from, to]) {
      await scripts.rename(account, from!, to!);
      return statusLine('OK', 'Script renamed');
    },
  },
  CHECKSCRIPT: {
    min: 1,
    max: 1,
    async run(scripts, _account, [text]) {
      const checked = scripts.check(text!);
      if (!checked.ok) return statusLine('NO', checked.diagnostics.filter((item) => item.severity === 'error').map(formatDiagnostic).join('; '));
      return warnings(scripts, text!) ?? statusLine('OK', 'Script is valid');
    },
  },
};

/** `OK (WARNINGS)` when the script compiles with warnings (RFC 5804 §1.3). */
function warnings(scripts: ScriptStore, text: string): string | null {
  const found = scripts.check(text).diagnostics.filter((item) => item.severity === 'warning');
  return found.length === 0 ? null : statusLine('OK', found.map(formatDiagnostic).join('; '), 'WARNINGS');
}

/** The NO reply for an error of script storage; null for errors that are not ours to explain. */
export function refusal(error: unknown): string | null {
  if (!isPosthouseError(error) || !error.code.startsWith('RULES_')) return null;
  return statusLine('NO', error.message, RESPONSE_CODES[error.code]);
}
