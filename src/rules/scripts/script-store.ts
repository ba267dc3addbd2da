import { randomUUID } from 'node:crypto';
import { ErrorCodes } from '../../errors/codes.js';
import type { RuleDiagnostic } from '../../interfaces/rules.js';
import type { RecordStore } from '../../interfaces/store.js';
import { CompiledCache } from './compiled-cache.js';
import type { CompiledRuleSet, IncludeLookup, RulesEngine } from './engine.js';
import { formatDiagnostic, ScriptError } from './script-error.js';
import { checkScriptName, checkScriptSize, DEFAULT_SCRIPT_LIMITS, type ScriptLimits } from './script-limits.js';
import { ScriptRecords, type ScriptRecord } from './script-records.js';

/** What `list` says of one script (ManageSieve LISTSCRIPTS, RFC 5804 §2.7). */
export interface ScriptInfo {
  name: string;
  active: boolean;
  size: number;
  updatedAt: string;
}

/** The result of checking a script without storing it (ManageSieve CHECKSCRIPT, RFC 5804 §2.12). */
export interface ScriptCheck {
  ok: boolean;
  diagnostics: RuleDiagnostic[];
}

/** The rule sets to run for one account, global first, and the stored scripts that no longer compile. */
export interface AccountRuleSets {
  sets: CompiledRuleSet[];
  skipped: Array<{ origin: string; reason: string }>;
}

/** Options of {@link createScriptStore}. */
export interface ScriptStoreOptions {
  records: RecordStore;
  engine: RulesEngine;
  limits?: Partial<ScriptLimits>;
  /** Now, for `updatedAt`; injectable for tests. */
  now?: () => Date;
  /**
   * Whether other processes write the same records (a shared store). When false (the default:
   * memory and level stores have one process), script lists and each account's active script
   * are cached between deliveries.
   */
  shared?: boolean;
}

/**
 * Sieve scripts kept in the store: per account several named scripts, at most one active
 * (the ManageSieve model, RFC 5804 §1.1), plus the server's global scripts, which run before
 * every account's own. A script is compiled when it is written and refused with positioned
 * diagnostics then, never at delivery.
 *
 * @example
 * const scripts = createScriptStore({ records: store.records, engine: sieveEngine });
 * await scripts.put('alice@example.com', 'main', 'require "fileinto"; fileinto "Lists";');
 * await scripts.activate('alice@example.com', 'main');
 */
export interface ScriptStore {
  readonly limits: ScriptLimits;
  /** Compiles `text` without storing it (an `include` finds nothing: use `put` to check against stored scripts). */
  check(text: string): ScriptCheck;
  /** Stores (creates or replaces) a script after checking it; throws {@link ScriptError}. */
  put(account: string, name: string, text: string): Promise<ScriptInfo>;
  /** The text of a script; throws `RULES_SCRIPT_NOT_FOUND`. */
  get(account: string, name: string): Promise<string>;
  list(account: string): Promise<ScriptInfo[]>;
  /** Makes `name` the active script, or deactivates all with null (RFC 5804 §2.8). */
  activate(account: string, name: string | null): Promise<void>;
  /** The active script, or null. */
  active(account: string): Promise<{ name: string; text: string } | null>;
  /** Deletes a script; the active one cannot be deleted (`RULES_SCRIPT_ACTIVE`, RFC 5804 §2.10). */
  remove(account: string, name: string): Promise<void>;
  /** Renames a script, keeping it active if it was (RFC 5804 §2.11.1). */
  rename(account: string, from: string, to: string): Promise<void>;
  /** Whether a script of `size` octets named `name` would fit (RFC 5804 §2.5). */
  haveSpace(account: string, name: string, size: number): Promise<boolean>;
  /** Stores a global script (run before every account's own, in name order). */
  putGlobal(name: string, text: string): Promise<ScriptInfo>;
  removeGlobal(name: string): Promise<void>;
  listGlobal(): Promise<ScriptInfo[]>;
  /** The compiled global scripts and the account's active script, cached by revision. */
  ruleSetsFor(account: string): Promise<AccountRuleSets>;
}

/** Creates a {@link ScriptStore} on a record store. */
export function createScriptStore(options: ScriptStoreOptions): ScriptStore {
  const limits: ScriptLimits = { ...DEFAULT_SCRIPT_LIMITS, ...options.limits };
  const records = new ScriptRecords(options.records, { cache: !(options.shared ?? false) });
  const cache = new CompiledCache(options.engine);
  const now = options.now ?? (() => new Date());

  const check = (text: string, include?: IncludeLookup): ScriptCheck => {
    const outcome = options.engine.compile(text, include);
    return { ok: outcome.ok, diagnostics: outcome.diagnostics };
  };
  /** What `include` sees from `account` (RFC 6609 §3.2): its own scripts and the global ones. */
  const includable = async (account: string | null): Promise<{ lookup: IncludeLookup; generation: string }> => {
    const personal = account === null ? [] : await records.list(account);
    const global = await records.list(null);
    const lookup: IncludeLookup = (name, location) => (location === 'global' ? global : personal).find((script) => script.name === name)?.text;
    return { lookup, generation: [...personal, ...global].map((script) => script.revision).join(',') };
  };
  const existing = async (account: string | null, name: string): Promise<ScriptRecord> => {
    const record = await records.get(account, name);
    if (record === undefined) throw new ScriptError(ErrorCodes.RULES_SCRIPT_NOT_FOUND, `There is no script named "${name}"`);
    return record;
  };
  const write = async (account: string | null, name: string, text: string): Promise<ScriptRecord> => {
    checkScriptName(name, limits);
    checkScriptSize(text, limits);
    const checked = check(text, (await includable(account)).lookup);
    if (!checked.ok) {
      const errors = checked.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
      throw new ScriptError(ErrorCodes.RULES_SCRIPT_INVALID, `Script "${name}" does not compile: ${errors.map(formatDiagnostic).join('; ')}`, checked.diagnostics);
    }
    const record: ScriptRecord = { name, text, revision: randomUUID(), updatedAt: now().toISOString() };
    await records.put(account, record);
    cache.forget(account ?? '');
    return record;
  };
  const info = (record: ScriptRecord, active: boolean): ScriptInfo => ({
    name: record.name,
    active,
    size: Buffer.byteLength(record.text, 'utf8'),
    updatedAt: record.updatedAt,
  });

  return {
    limits,
    check,
    async put(account, name, text) {
      const scripts = await records.list(account);
      if (!scripts.some((script) => script.name === name) && scripts.length >= limits.maxScriptsPerAccount) {
        throw new ScriptError(ErrorCodes.RULES_QUOTA_EXCEEDED, `An account may keep at most ${limits.maxScriptsPerAccount} scripts`);
      }
      const record = await write(account, name, text);
      const active = await records.active(account);
      if (active?.name === name) await records.setActive(account, { name, revision: record.revision });
      return info(record, active?.name === name);
    },
    async get(account, name) {
      return (await existing(account, name)).text;
    },
    async list(account) {
      const active = await records.active(account);
      return (await records.list(account)).map((record) => info(record, record.name === active?.name));
    },
    async activate(account, name) {
      if (name === null || name === '') return records.setActive(account, null);
      const record = await existing(account, name);
      await records.setActive(account, { name, revision: record.revision });
    },
    async active(account) {
      const active = await records.active(account);
      const record = active === undefined ? undefined : await records.get(account, active.name);
      return record === undefined ? null : { name: record.name, text: record.text };
    },
    async remove(account, name) {
      await existing(account, name);
      if ((await records.active(account))?.name === name) throw new ScriptError(ErrorCodes.RULES_SCRIPT_ACTIVE, `Script "${name}" is active; deactivate it first`);
      await records.delete(account, name);
    },
    async rename(account, from, to) {
      checkScriptName(to, limits);
      const record = await existing(account, from);
      if (from === to) return;
      if ((await records.get(account, to)) !== undefined) throw new ScriptError(ErrorCodes.RULES_SCRIPT_EXISTS, `A script named "${to}" already exists`);
      const renamed: ScriptRecord = { ...record, name: to, revision: randomUUID(), updatedAt: now().toISOString() };
      await records.put(account, renamed);
      if ((await records.active(account))?.name === from) await records.setActive(account, { name: to, revision: renamed.revision });
      await records.delete(account, from);
      cache.forget(account);
    },
    async haveSpace(account, name, size) {
      if (size > limits.maxScriptBytes) return false;
      const scripts = await records.list(account);
      return scripts.some((script) => script.name === name) || scripts.length < limits.maxScriptsPerAccount;
    },
    async putGlobal(name, text) {
      return info(await write(null, name, text), true);
    },
    async removeGlobal(name) {
      await existing(null, name);
      await records.delete(null, name);
    },
    async listGlobal() {
      return (await records.list(null)).map((record) => info(record, true));
    },
    async ruleSetsFor(account) {
      const result: AccountRuleSets = { sets: [], skipped: [] };
      const global = await records.list(null);
      const active = await records.active(account);
      const personal = active === undefined ? undefined : await records.get(account, active.name);
      // most accounts run no script: no include lookup to build for every message they receive
      if (global.length === 0 && personal === undefined) return result;
      const { lookup, generation } = await includable(account);
      const add = (scope: string, record: ScriptRecord, origin: string): void => {
        // Keyed by every revision an include could reach, so an edited included script recompiles.
        const compiled = cache.compiled(scope, record.name, `${record.revision}/${generation}`, record.text, origin, lookup);
        if (typeof compiled === 'string') result.skipped.push({ origin, reason: compiled });
        else result.sets.push(compiled);
      };
      for (const record of global) add('', record, `global:${record.name}`);
      if (personal !== undefined) add(account, personal, 'personal');
      return result;
    },
  };
}
