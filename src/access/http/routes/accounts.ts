import { ErrorCodes } from '../../../errors/codes.js';
import { PosthouseError } from '../../../errors/posthouse-error.js';
import { requireDomainOf } from '../auth/require.js';
import { reachesAccount } from '../auth/scope.js';
import { forbidden } from '../http-error.js';
import { route, type Route } from '../route.js';
import { accountParams, address, domainName, noParams } from '../schema/fields.js';
import { boolean, integer, object, optional, string } from '../schema/schema.js';

const password = string({ minLength: 1, maxLength: 1024 });
const quota = object({ maxBytes: optional(integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })), maxMessages: optional(integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })) });

/** Accounts: list, create, read, remove, set the password. */
export const accountRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/accounts',
    summary: 'List the accounts the credentials reach, optionally of one domain',
    tag: 'accounts',
    access: 'any',
    params: noParams,
    query: object({ domain: optional(domainName) }),
    success: { status: 200, description: '`{ accounts: AccountRecord[] }`' },
    async handle({ api, principal, query }) {
      const accounts = await api.directory.listAccounts(query.domain);
      return { json: { accounts: accounts.filter((record) => reachesAccount(principal.scope, record.address)) } };
    },
  }),
  route({
    method: 'POST',
    path: '/api/accounts',
    summary: 'Create an account (its domain must exist unless createDomain is set)',
    tag: 'accounts',
    access: 'any',
    params: noParams,
    body: object({ address, password: optional(password), quota: optional(quota), createDomain: optional(boolean()) }),
    success: { status: 201, description: 'the new AccountRecord' },
    async handle({ api, principal, body }) {
      requireDomainOf(principal, body.address);
      if (body.createDomain === true && principal.scope.kind !== 'server') throw forbidden('creating domains');
      const options = { ...(body.password === undefined ? {} : { password: body.password }), ...(body.quota === undefined ? {} : { quota: body.quota }), createDomain: body.createDomain ?? false };
      return { status: 201, json: await api.directory.addAccount(body.address, options) };
    },
  }),
  route({
    method: 'GET',
    path: '/api/accounts/{account}',
    summary: 'Read an account',
    tag: 'accounts',
    access: 'account',
    params: accountParams,
    success: { status: 200, description: 'the AccountRecord with its quota usage' },
    async handle({ api, params }) {
      const record = await api.directory.getAccount(params.account);
      if (record === null) throw new PosthouseError(ErrorCodes.ACCOUNT_NOT_FOUND, `no account ${params.account}`);
      return { json: { ...record, usage: await api.store.quotaUsage(record.address) } };
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/accounts/{account}',
    summary: 'Remove an account with all its mail',
    tag: 'accounts',
    access: 'account',
    params: accountParams,
    success: { status: 204, description: 'removed' },
    async handle({ api, params, principal }) {
      requireDomainOf(principal, params.account);
      await api.directory.removeAccount(params.account);
      return new Response(null, { status: 204 });
    },
  }),
  route({
    method: 'PUT',
    path: '/api/accounts/{account}/password',
    summary: "Set an account's password",
    tag: 'accounts',
    access: 'account',
    params: accountParams,
    body: object({ password }),
    success: { status: 204, description: 'set' },
    async handle({ api, params, body }) {
      await api.directory.setPassword(params.account, body.password);
      return new Response(null, { status: 204 });
    },
  }),
];
