import { ErrorCodes } from '../../../errors/codes.js';
import { PosthouseError } from '../../../errors/posthouse-error.js';
import type { ScriptStore } from '../../../rules/scripts/script-store.js';
import { accountKey } from '../auth/scope.js';
import { route, type ApiDependencies, type Route } from '../route.js';
import { accountParams, address, noParams } from '../schema/fields.js';
import { boolean, nullable, object, optional, string } from '../schema/schema.js';

const scriptName = string({ minLength: 1, maxLength: 512, description: 'Sieve script name' });
const scriptText = string({ minLength: 0, maxLength: 1_000_000, description: 'Sieve script (RFC 5228)' });
const scriptParams = object({ account: address, name: scriptName });

function scripts(api: ApiDependencies): ScriptStore {
  if (api.rules === null) throw new PosthouseError(ErrorCodes.CONFIG_INVALID, 'rules are turned off on this server');
  return api.rules;
}

/** Sieve scripts of an account: list, get, set (optionally activate), activate, delete, check. */
export const ruleRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts/{account}/rules',
    summary: "List the account's Sieve scripts (which one is active)",
    tag: 'rules',
    access: 'account',
    params: accountParams,
    success: { status: 200, description: '`{ scripts: ScriptInfo[] }`' },
    async handle({ api, params }) {
      return { json: { scripts: await scripts(api).list(accountKey(params.account)) } };
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}/rules/{name}',
    summary: 'The text of one script',
    tag: 'rules',
    access: 'account',
    params: scriptParams,
    success: { status: 200, description: '`{ name, script }`' },
    async handle({ api, params }) {
      return { json: { name: params.name, script: await scripts(api).get(accountKey(params.account), params.name) } };
    },
  }),
  route({
    method: 'PUT',
    path: '/api/accounts/{account}/rules/{name}',
    summary: 'Create or replace a script after checking it; activate it if asked',
    tag: 'rules',
    access: 'account',
    params: scriptParams,
    body: object({ script: scriptText, activate: optional(boolean()) }),
    success: { status: 200, description: 'ScriptInfo' },
    async handle({ api, params, body }) {
      const account = accountKey(params.account);
      const info = await scripts(api).put(account, params.name, body.script);
      if (body.activate !== true) return { json: info };
      await scripts(api).activate(account, params.name);
      return { json: { ...info, active: true } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/accounts/{account}/rules/{name}',
    summary: 'Delete a script (not the active one)',
    tag: 'rules',
    access: 'account',
    params: scriptParams,
    success: { status: 204, description: 'deleted' },
    async handle({ api, params }) {
      await scripts(api).remove(accountKey(params.account), params.name);
      return new Response(null, { status: 204 });
    },
  }),
  route({
    method: 'PUT',
    path: '/api/accounts/{account}/active-rules',
    summary: 'Make a script the active one, or deactivate all with null',
    tag: 'rules',
    access: 'account',
    params: accountParams,
    body: object({ name: nullable(scriptName) }),
    success: { status: 200, description: '`{ active: string | null }`' },
    async handle({ api, params, body }) {
      await scripts(api).activate(accountKey(params.account), body.name);
      return { json: { active: body.name } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/rules/check',
    summary: 'Compile a script without storing it: diagnostics with positions',
    tag: 'rules',
    access: 'any',
    params: noParams,
    body: object({ script: scriptText }),
    success: { status: 200, description: 'ScriptCheck' },
    async handle({ api, body }) {
      return { json: scripts(api).check(body.script) };
    },
  }),
];
