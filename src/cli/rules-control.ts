import { reapplyRules, type ReapplyReport } from '../deliverer/rules/reapply.js';
import { ErrorCodes } from '../errors/codes.js';
import { PosthouseError } from '../errors/posthouse-error.js';
import type { ScriptInfo } from '../rules/scripts/script-store.js';
import { sieveEngine } from '../rules/scripts/sieve-engine.js';
import type { MailServer } from '../server.js';
import { DIRECTORY_METHODS, type ControlledDirectory } from './control-protocol.js';
import { dkimControl } from './dkim-control.js';
import { keysControl } from './keys-control.js';
import { queueControl } from './queue.js';

/** The rules methods the control socket serves (script storage and re-apply), so admin commands work while a server runs. */
export interface RulesControl {
  rulesPut(account: string, name: string, text: string, activate?: boolean): Promise<ScriptInfo>;
  rulesGet(account: string, name: string): Promise<string>;
  rulesList(account: string): Promise<ScriptInfo[]>;
  rulesActivate(account: string, name: string | null): Promise<null>;
  rulesApply(account: string, mailbox: string, dryRun?: boolean): Promise<ReapplyReport>;
}

/**
 * What the control socket (and the offline admin session) calls on a server: its directory's
 * whitelisted methods, the rules methods, the API key, DKIM key and queue methods.
 *
 * @example
 * await startControlServer({ path, directory: controlTarget(server) });
 */
export function controlTarget(server: MailServer): ControlledDirectory {
  const directory = Object.fromEntries(
    DIRECTORY_METHODS.map((method) => [method, (...args: unknown[]) => (server.directory[method] as (...parameters: unknown[]) => unknown).apply(server.directory, args)]),
  );
  return { ...directory, ...rulesControl(server), ...keysControl(server), ...dkimControl(server), ...queueControl(server) } as ControlledDirectory;
}

function rulesControl(server: MailServer): RulesControl {
  const scripts = () => {
    if (server.rules === null) throw new PosthouseError(ErrorCodes.CONFIG_INVALID, 'rules are turned off on this server');
    return server.rules;
  };
  const account = async (address: string) => {
    const record = await server.directory.getAccount(address);
    if (record === null) throw new PosthouseError(ErrorCodes.ACCOUNT_NOT_FOUND, `no account ${address}`);
    return record.address;
  };
  return {
    async rulesPut(address, name, text, activate) {
      const owner = await account(address);
      const info = await scripts().put(owner, name, text);
      if (activate !== true) return info;
      await scripts().activate(owner, name);
      return { ...info, active: true };
    },
    async rulesGet(address, name) {
      return scripts().get(await account(address), name);
    },
    async rulesList(address) {
      return scripts().list(await account(address));
    },
    async rulesActivate(address, name) {
      await scripts().activate(await account(address), name);
      return null;
    },
    async rulesApply(address, mailbox, dryRun) {
      return reapplyRules({ store: server.store, scripts: scripts(), engine: sieveEngine, account: await account(address), mailbox, dryRun: dryRun ?? false });
    },
  };
}
